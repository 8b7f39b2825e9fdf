using System.Globalization;
using System.Text;
using Confab.Server.Api;

namespace Confab.Server.Meetings;

/// <summary>
/// Paging as Zoom does it: <c>page_size</c> (1..300, default 30) and an opaque <c>next_page_token</c>
/// ("" on the last page). The token carries the offset of the next page.
/// </summary>
public static class PageTokens
{
    public const int DefaultPageSize = 30;
    public const int MaxPageSize = 300;
    private const string Prefix = "o:";

    public static bool TryRead(HttpRequest request, out int pageSize, out int offset, out IResult? problem)
    {
        pageSize = DefaultPageSize;
        offset = 0;
        problem = null;
        var sizeText = request.Query["page_size"];
        if (sizeText.Count > 0)
        {
            if (sizeText.Count > 1 || !int.TryParse(sizeText[0], NumberStyles.None, CultureInfo.InvariantCulture, out pageSize)
                || pageSize is < 1 or > MaxPageSize)
            {
                problem = ApiProblems.Field("page_size", $"Must be a whole number from 1 to {MaxPageSize}.");
                return false;
            }
        }
        var token = request.Query["next_page_token"];
        if (token.Count > 0 && !string.IsNullOrEmpty(token[0]))
        {
            if (token.Count > 1 || !TryDecode(token[0]!, out offset))
            {
                problem = ApiProblems.Field("next_page_token", "Is not a token this server handed out.");
                return false;
            }
        }
        return true;
    }

    public static string Next(int offset, int pageSize, int total) =>
        offset + pageSize >= total ? "" : Encode(offset + pageSize);

    private static string Encode(int offset) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(Prefix + offset.ToString(CultureInfo.InvariantCulture)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecode(string token, out int offset)
    {
        offset = 0;
        if (token.Length > 32)
        {
            return false;
        }
        var base64 = token.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - (base64.Length % 4)) % 4);
        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, buffer, out var written))
        {
            return false;
        }
        var text = Encoding.ASCII.GetString(buffer, 0, written);
        return text.StartsWith(Prefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
    }
}
