namespace Confab.Rtc.Srtp;

/// <summary>
/// Sliding replay window of <see cref="Size"/> packets (RFC 3711 §3.3.2): bit i of the mask is set
/// when index (highest - i) has been received and authenticated.
/// </summary>
internal struct ReplayWindow
{
    /// <summary>Window width in packets.</summary>
    public const int Size = 128;

    private UInt128 _mask;

    /// <summary>True once the first authenticated packet has been accepted.</summary>
    public bool Started { get; private set; }

    /// <summary>Highest authenticated index.</summary>
    public ulong Highest { get; private set; }

    /// <summary>Checks an index before authentication; does not change the window.</summary>
    public readonly SrtpError Check(ulong index)
    {
        if (!Started || index > Highest)
        {
            return SrtpError.None;
        }

        ulong behind = Highest - index;
        if (behind >= Size)
        {
            return SrtpError.ReplayOld;
        }

        return ((_mask >> (int)behind) & UInt128.One) != UInt128.Zero
            ? SrtpError.ReplayDuplicate
            : SrtpError.None;
    }

    /// <summary>Records an authenticated index that passed <see cref="Check"/>.</summary>
    public void Accept(ulong index)
    {
        if (!Started)
        {
            Started = true;
            Highest = index;
            _mask = UInt128.One;
            return;
        }

        if (index > Highest)
        {
            ulong ahead = index - Highest;
            _mask = ahead >= Size ? UInt128.One : (_mask << (int)ahead) | UInt128.One;
            Highest = index;
            return;
        }

        _mask |= UInt128.One << (int)(Highest - index);
    }
}
