namespace Confab.Sfu.Routing;

/// <summary>
/// The media of one room (a meeting or a breakout room): its producers, and who consumes what. It knows
/// nothing of meetings, users or HTTP; the server tells it "this transport publishes a track", "that one
/// consumes it". Lives on the media worker's thread.
/// </summary>
public sealed class Router
{
    private readonly Dictionary<string, Producer> _producers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Consumer> _consumers = new(StringComparer.Ordinal);

    public Router(string id)
    {
        Id = id;
    }

    public string Id { get; }

    public IReadOnlyCollection<Producer> Producers => _producers.Values;

    public IReadOnlyCollection<Consumer> Consumers => _consumers.Values;

    public Producer AddProducer(ProducerOptions options, IKeyFrameRequester keyFrameRequester)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (_producers.ContainsKey(options.Id))
        {
            throw new InvalidOperationException($"Producer '{options.Id}' already exists in router '{Id}'.");
        }
        var producer = new Producer(this, options, keyFrameRequester);
        _producers.Add(options.Id, producer);
        return producer;
    }

    public bool TryGetProducer(string id, out Producer producer) => _producers.TryGetValue(id, out producer!);

    /// <summary>Closes a producer and every consumer of it; returns the consumers that were closed.</summary>
    public IReadOnlyList<Consumer> RemoveProducer(Producer producer)
    {
        ArgumentNullException.ThrowIfNull(producer);
        if (!_producers.Remove(producer.Id))
        {
            return [];
        }
        var closed = producer.Consumers.ToArray();
        foreach (var consumer in closed)
        {
            RemoveConsumer(consumer);
        }
        producer.Close();
        return closed;
    }

    public Consumer Consume(Producer producer, ConsumerOptions options, IRtpSink sink)
    {
        ArgumentNullException.ThrowIfNull(producer);
        return Consume([producer], options, sink);
    }

    /// <summary>
    /// A consumer of a simulcast track: <paramref name="layers"/> are the producers of its layers, lowest first;
    /// it starts on the highest (see <see cref="Consumer.SetTargetLayer"/>).
    /// </summary>
    public Consumer Consume(IReadOnlyList<Producer> layers, ConsumerOptions options, IRtpSink sink)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(options);
        if (layers.Count == 0)
        {
            throw new ArgumentException("A consumer needs at least one producer.", nameof(layers));
        }
        foreach (var producer in layers)
        {
            if (producer.Router != this || producer.IsClosed)
            {
                throw new InvalidOperationException($"Producer '{producer.Id}' is not open in router '{Id}'.");
            }
            if (producer.Kind != layers[0].Kind || producer.Options.ClockRate != layers[0].Options.ClockRate)
            {
                throw new ArgumentException("Simulcast layers share one kind and one clock rate.", nameof(layers));
            }
        }
        if (_consumers.ContainsKey(options.Id))
        {
            throw new InvalidOperationException($"Consumer '{options.Id}' already exists in router '{Id}'.");
        }
        var consumer = new Consumer([.. layers], options, sink);
        _consumers.Add(options.Id, consumer);
        foreach (var producer in layers)
        {
            producer.AddConsumer(consumer);
        }
        return consumer;
    }

    public void RemoveConsumer(Consumer consumer)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        if (_consumers.Remove(consumer.Id))
        {
            foreach (var producer in consumer.Layers)
            {
                producer.RemoveConsumer(consumer);
            }
            consumer.Close();
        }
    }
}
