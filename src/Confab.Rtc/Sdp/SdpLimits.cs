namespace Confab.Rtc.Sdp;

/// <summary>
/// Bounds that keep a hostile or broken SDP from being parsed into a giant object. A description
/// above any of them is refused before (or as soon as) the limit is seen.
/// </summary>
public sealed record SdpLimits
{
    /// <summary>The defaults: generous for a browser's offer with hundreds of transceivers.</summary>
    public static SdpLimits Default { get; } = new();

    /// <summary>Longest accepted text, in characters.</summary>
    public int MaxTextLength { get; init; } = 256 * 1024;

    /// <summary>Most lines in one description.</summary>
    public int MaxLines { get; init; } = 20_000;

    /// <summary>Longest accepted line, in characters (a candidate or fmtp line is ~200).</summary>
    public int MaxLineLength { get; init; } = 4096;

    /// <summary>Most m= sections.</summary>
    public int MaxMediaSections { get; init; } = 512;

    /// <summary>Most a= lines at session level or in one m= section.</summary>
    public int MaxAttributesPerSection { get; init; } = 1000;
}
