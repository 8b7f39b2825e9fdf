namespace Confab.Rtc.Rtp;

// RFC 8285 §4.2 — one-byte header form
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |       0xBE    |    0xDE       |           length=3            |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |  ID   | L=0   |     data      |  ID   |  L=1  |   data...
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//       ...data   |    0 (pad)    |    0 (pad)    |  ID   | L=3   |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// L is the value length minus one. ID 0 is a padding byte; ID 15 ends processing.
//
// RFC 8285 §4.3 — two-byte header form
//
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |       0x10    |    0x0X       |           length=3            |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |      ID       |     L=0       |     ID        |     L=1       |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |       data    |    0 (pad)    |       ID      |      L=4      |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// L is the value length (0..255). ID 0 is a padding byte.

/// <summary>
/// Walks the elements of an RTP header extension block. Stops at the end of the block, at
/// the one-byte form's id 15, or at an element whose length runs past the block; the latter
/// sets <see cref="IsMalformed"/>.
/// </summary>
public ref struct RtpHeaderExtensionEnumerator
{
    private const int OneByteStopId = 15;
    private const byte OneByteIdShift = 4;
    private const byte OneByteLengthMask = 0x0F;

    private readonly ReadOnlySpan<byte> _packet;
    private readonly int _end;
    private readonly RtpHeaderExtensionForm _form;
    private int _position;
    private bool _done;

    internal RtpHeaderExtensionEnumerator(ReadOnlySpan<byte> packet, int start, int end, RtpHeaderExtensionForm form)
    {
        _packet = packet;
        _position = start;
        _end = end;
        _form = form;
        _done = start >= end;
        Current = default;
        IsMalformed = false;
    }

    public RtpHeaderExtensionElement Current { get; private set; }

    /// <summary>True when iteration stopped at an element that did not fit in the block.</summary>
    public bool IsMalformed { get; private set; }

    public readonly RtpHeaderExtensionEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        while (!_done && _position < _end)
        {
            byte first = _packet[_position];
            if (first == 0)
            {
                _position++; // padding byte, both forms
                continue;
            }

            int id;
            int length;
            int valueOffset;
            if (_form == RtpHeaderExtensionForm.OneByte)
            {
                id = first >> OneByteIdShift;
                if (id == OneByteStopId)
                {
                    break;
                }

                length = (first & OneByteLengthMask) + 1;
                valueOffset = _position + 1;
            }
            else
            {
                if (_position + 1 >= _end)
                {
                    return Fail();
                }

                id = first;
                length = _packet[_position + 1];
                valueOffset = _position + 2;
            }

            if (valueOffset + length > _end)
            {
                return Fail();
            }

            Current = new RtpHeaderExtensionElement((byte)id, valueOffset, _packet.Slice(valueOffset, length));
            _position = valueOffset + length;
            return true;
        }

        _done = true;
        return false;
    }

    private bool Fail()
    {
        IsMalformed = true;
        _done = true;
        return false;
    }
}
