namespace Confab.Sfu.Forwarding;

/// <summary>
/// What the forwarding decisions need to know of a packet a producer received: sequence number and timestamp
/// unwrapped to 64 bits by the producer, the marker bit, and whether it starts a key frame.
/// </summary>
public readonly record struct IncomingRtp(long ExtendedSequence, long ExtendedTimestamp, bool Marker, bool KeyFrameStart);
