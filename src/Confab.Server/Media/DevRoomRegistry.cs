using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Confab.Server.Media;

/// <summary>The development rooms that exist, created on first join and forgotten when the last peer leaves.</summary>
internal sealed class DevRoomRegistry
{
    public const int MaxRooms = 256;

    private readonly ConcurrentDictionary<string, DevRoom> _rooms = new(StringComparer.Ordinal);
    private readonly MediaWorkerHost _media;
    private readonly ILogger<DevRoom> _logger;
    private readonly Lock _lock = new();
    private readonly int _maxPeersPerRoom;
    private readonly TimeSpan _firstSelectionWait;

    public DevRoomRegistry(MediaWorkerHost media, IOptions<MediaOptions> options, ILogger<DevRoom> logger)
    {
        _media = media;
        _logger = logger;
        _maxPeersPerRoom = options.Value.CheckedMaxPeersPerRoom();
        _firstSelectionWait = options.Value.CheckedFirstSelectionWait();
    }

    public DevRoom? GetOrCreate(string name)
    {
        lock (_lock)
        {
            if (_rooms.TryGetValue(name, out var room))
            {
                return room;
            }
            if (_rooms.Count >= MaxRooms)
            {
                return null;
            }
            room = new DevRoom(name, _media.Worker, _maxPeersPerRoom, _logger) { FirstSelectionWait = _firstSelectionWait };
            _rooms[name] = room;
            return room;
        }
    }

    public void ForgetIfEmpty(DevRoom room)
    {
        lock (_lock)
        {
            if (room.PeerCount == 0)
            {
                _rooms.TryRemove(new KeyValuePair<string, DevRoom>(room.Name, room));
            }
        }
    }
}
