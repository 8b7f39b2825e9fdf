namespace Confab.Rtc.Rtp;

/// <summary>The two element layouts of RFC 8285 §4.</summary>
public enum RtpHeaderExtensionForm
{
    /// <summary>RFC 8285 §4.2: profile 0xBEDE, 4-bit id (1..14), 4-bit length-1 (1..16 bytes).</summary>
    OneByte,

    /// <summary>RFC 8285 §4.3: profile 0x100X, 8-bit id (1..255), 8-bit length (0..255 bytes).</summary>
    TwoByte,
}
