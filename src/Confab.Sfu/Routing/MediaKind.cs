namespace Confab.Sfu.Routing;

public enum MediaKind
{
    Audio,
    Video,
}
