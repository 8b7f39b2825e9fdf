namespace Confab.Sfu.Routing;

/// <summary>The publisher's transport, asked to send a PLI (RFC 4585 §6.3.1) for one of its incoming streams.</summary>
public interface IKeyFrameRequester
{
    void RequestKeyFrame(uint mediaSsrc);
}
