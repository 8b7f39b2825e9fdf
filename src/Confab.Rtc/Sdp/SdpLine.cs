namespace Confab.Rtc.Sdp;

/// <summary>
/// A line the model keeps as text: an a= attribute it does not interpret, or a rarely used
/// line type (i=, u=, e=, p=, b=, r=, z=, k=, extra t=). Kept in order so a round trip preserves it.
/// </summary>
public sealed record SdpAttribute(string Name, string? Value)
{
    public override string ToString() => Value is null ? Name : $"{Name}:{Value}";
}

/// <summary>A non-attribute line kept verbatim: its type letter and its value.</summary>
public sealed record SdpLine(char Type, string Value);
