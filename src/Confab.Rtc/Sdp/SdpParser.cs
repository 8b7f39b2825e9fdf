using System.Diagnostics.CodeAnalysis;

namespace Confab.Rtc.Sdp;

/// <summary>
/// Parses a session description (RFC 8866) into a <see cref="SessionDescription"/>. Tolerant of LF
/// or CRLF line ends; strict about line syntax (&lt;type&gt;=&lt;value&gt;), the v=/o=/s= order of
/// §5, numeric ranges and the <see cref="SdpLimits"/>. Never throws: bad input gives false and an
/// error naming the line.
/// </summary>
public static class SdpParser
{
    /// <summary>The protocol version of v= (RFC 8866 §5.1).</summary>
    private const string ProtocolVersion = "0";

    /// <summary>The line types of RFC 8866 §5 allowed before the first m= line.</summary>
    private const string SessionLineTypes = "iuepcbtrzka";

    /// <summary>The line types of RFC 8866 §5 allowed inside an m= section.</summary>
    private const string MediaLineTypes = "icbka";

    public static bool TryParse(
        string? text, [NotNullWhen(true)] out SessionDescription? sdp, [NotNullWhen(false)] out string? error) =>
        TryParse(text, SdpLimits.Default, out sdp, out error);

    public static bool TryParse(
        string? text, SdpLimits limits, [NotNullWhen(true)] out SessionDescription? sdp,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        sdp = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "SDP is empty";
            return false;
        }
        if (text.Length > limits.MaxTextLength)
        {
            error = $"SDP is {text.Length} characters long, above the limit of {limits.MaxTextLength}";
            return false;
        }
        int lineCount = text.AsSpan().Count('\n') + 1;
        if (lineCount > limits.MaxLines)
        {
            error = $"SDP has {lineCount} lines, above the limit of {limits.MaxLines}";
            return false;
        }
        var state = new ParseState(limits);
        int position = 0;
        int lineNumber = 0;
        while (position < text.Length)
        {
            int newline = text.IndexOf('\n', position);
            int end = newline < 0 ? text.Length : newline;
            int next = newline < 0 ? text.Length : newline + 1;
            int contentEnd = end > position && text[end - 1] == '\r' ? end - 1 : end;
            lineNumber++;
            if (contentEnd == position)
            {
                if (text.AsSpan(next).Trim("\r\n").IsEmpty)
                {
                    break;
                }
                error = $"line {lineNumber}: empty line";
                return false;
            }
            if (contentEnd - position > limits.MaxLineLength)
            {
                error = $"line {lineNumber}: {contentEnd - position} characters, above the limit of {limits.MaxLineLength}";
                return false;
            }
            string? lineError = state.Read(text.AsSpan(position, contentEnd - position));
            if (lineError is not null)
            {
                error = $"line {lineNumber}: {lineError}";
                return false;
            }
            position = next;
        }
        error = state.Finish();
        if (error is not null)
        {
            return false;
        }
        sdp = state.Session;
        return true;
    }

    /// <summary>Where the parser is in the description, and what it has built so far.</summary>
    private sealed class ParseState(SdpLimits limits)
    {
        private readonly HashSet<string> _mids = new(StringComparer.Ordinal);
        private int _linesRead;
        private bool _sawConnection;
        private bool _sawTiming;
        private int _attributesInSection;
        private MediaDescription? _media;

        public SessionDescription Session { get; } = new();

        public string? Read(ReadOnlySpan<char> line)
        {
            if (line.Length < 2 || line[1] != '=' || !char.IsAsciiLetterLower(line[0]))
            {
                return "expected '<letter>=<value>'";
            }
            if (line.IndexOfAny('\0', '\r') >= 0)
            {
                return "contains a NUL or a bare CR";
            }
            char type = line[0];
            string value = line[2..].ToString();
            int index = _linesRead++;
            return index switch
            {
                0 => type == 'v' && value == ProtocolVersion ? null : "the first line must be v=0",
                1 => type == 'o' ? ReadOrigin(value) : "the second line must be o=",
                2 => type == 's' ? ReadSessionName(value) : "the third line must be s=",
                _ when type == 'm' => StartMedia(value),
                _ when _media is null => ReadSessionLine(type, value),
                _ => ReadMediaLine(_media, type, value),
            };
        }

        public string? Finish()
        {
            if (_linesRead < 3)
            {
                return "SDP must start with v=, o= and s= lines";
            }
            if (!_sawTiming)
            {
                return "SDP has no t= line";
            }
            return _media is null ? null : SdpMediaAttributeReader.FinishSection(_media);
        }

        private string? ReadOrigin(string value)
        {
            if (!SdpOrigin.TryParse(value, out SdpOrigin? origin, out string? error))
            {
                return error;
            }
            Session.Origin = origin!;
            return null;
        }

        private string? ReadSessionName(string value)
        {
            if (value.Length == 0)
            {
                return "s= must not be empty (use s=-)";
            }
            Session.SessionName = value;
            return null;
        }

        private string? ReadSessionLine(char type, string value)
        {
            if (!SessionLineTypes.Contains(type, StringComparison.Ordinal))
            {
                return $"'{type}=' is not allowed at session level";
            }
            switch (type)
            {
                case 'a':
                    return ++_attributesInSection > limits.MaxAttributesPerSection
                        ? $"more than {limits.MaxAttributesPerSection} session attributes"
                        : SdpSessionAttributeReader.Read(Session, value);
                case 'c':
                    if (_sawConnection)
                    {
                        return "more than one session c= line";
                    }
                    _sawConnection = true;
                    if (!SdpConnection.TryParse(value, out SdpConnection? connection, out string? error))
                    {
                        return error;
                    }
                    Session.Connection = connection;
                    return null;
                case 't' when !_sawTiming:
                    _sawTiming = true;
                    if (!SdpTiming.TryParse(value, out SdpTiming? timing, out string? timingError))
                    {
                        return timingError;
                    }
                    Session.Timing = timing!;
                    return null;
                default:
                    Session.OtherLines.Add(new SdpLine(type, value));
                    return null;
            }
        }

        private string? StartMedia(string value)
        {
            if (!_sawTiming)
            {
                return "m= before any t= line";
            }
            if (_media is not null && SdpMediaAttributeReader.FinishSection(_media) is string previousError)
            {
                return $"in the previous m= section: {previousError}";
            }
            if (Session.Media.Count >= limits.MaxMediaSections)
            {
                return $"more than {limits.MaxMediaSections} m= sections";
            }
            if (!SdpMediaLine.TryParse(value, out MediaDescription? media, out string? error))
            {
                return error;
            }
            _media = media!;
            _attributesInSection = 0;
            Session.Media.Add(_media);
            return null;
        }

        private string? ReadMediaLine(MediaDescription media, char type, string value)
        {
            if (!MediaLineTypes.Contains(type, StringComparison.Ordinal))
            {
                return $"'{type}=' is not allowed inside an m= section";
            }
            switch (type)
            {
                case 'a':
                    return ++_attributesInSection > limits.MaxAttributesPerSection
                        ? $"more than {limits.MaxAttributesPerSection} attributes in one m= section"
                        : SdpMediaAttributeReader.Read(media, value, _mids);
                case 'c':
                    if (media.Connection is not null)
                    {
                        return "more than one c= line in an m= section";
                    }
                    if (!SdpConnection.TryParse(value, out SdpConnection? connection, out string? error))
                    {
                        return error;
                    }
                    media.Connection = connection;
                    return null;
                default:
                    media.OtherLines.Add(new SdpLine(type, value));
                    return null;
            }
        }
    }
}
