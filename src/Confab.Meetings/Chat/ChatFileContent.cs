using System.Text.Json;

namespace Confab.Meetings.Chat;

/// <summary>What a file message says about its file: id, name, size and media type.</summary>
public sealed record ChatFileRef(Guid Id, string Name, long Size, string ContentType)
{
    public static ChatFileRef Of(ChatFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new ChatFileRef(file.Id, file.Name, file.Size, file.ContentType);
    }
}

/// <summary>
/// The stored text (column <c>content</c>) of a file message: the JSON object {"id", "name", "size", "contentType"}, so that the
/// history and the host's record show the file without another look-up. Reading never throws.
/// </summary>
public static class ChatFileContent
{
    public static string Write(ChatFileRef file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = file.Id.ToString("D"),
            ["name"] = file.Name,
            ["size"] = file.Size,
            ["contentType"] = file.ContentType,
        });
    }

    public static bool TryRead(string? content, out ChatFileRef file)
    {
        file = null!;
        if (string.IsNullOrEmpty(content))
        {
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && Guid.TryParse(id.GetString(), out var fileId)
                && root.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                && root.TryGetProperty("size", out var size) && size.TryGetInt64(out var bytes)
                && root.TryGetProperty("contentType", out var type) && type.ValueKind == JsonValueKind.String)
            {
                file = new ChatFileRef(fileId, name.GetString()!, bytes, type.GetString()!);
                return true;
            }
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
