using System.Text;

namespace BbuPool.Transport.SharedMemory;

/// <summary>
/// The shared-memory transport: each link is a pair of SPSC rings in one tmpfs mapping, shared by
/// two threads or two processes of one host. Addresses are names; any character outside
/// [A-Za-z0-9._-] becomes '_' in the file name bbupool-NAME, in <see cref="SharedMemoryOptions.Directory"/>
/// (the huge-page tmpfs when it is mounted, else /dev/shm).
/// </summary>
public sealed class SharedMemoryTransport : ITransport
{
    private readonly TransportOptions _options;

    /// <summary>Creates the transport with <paramref name="options"/> (slot geometry, receive mode).</summary>
    public SharedMemoryTransport(TransportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SharedMemory.SlotSize, 4096);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SharedMemory.SlotCount, 2);
        _options = options;
    }

    /// <inheritdoc/>
    public TransportKind Kind => TransportKind.Shm;

    /// <inheritdoc/>
    public ValueTask<ITransportListener> ListenAsync(string address, CancellationToken cancellationToken = default)
    {
        var path = PathFor(address);
        try
        {
            var region = SharedMemoryRegion.Create(path, _options.SharedMemory.SlotSize, _options.SharedMemory.SlotCount);
            return ValueTask.FromResult<ITransportListener>(new SharedMemoryListener(address, region, _options));
        }
        catch (IOException ex)
        {
            throw new TransportException($"Cannot create shared-memory link '{path}': {ex.Message}", ex);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<ITransportLink> ConnectAsync(string address, CancellationToken cancellationToken = default)
    {
        var path = PathFor(address);
        while (true)
        {
            var region = SharedMemoryRegion.TryAttach(path, _options.SharedMemory.SlotSize, _options.SharedMemory.SlotCount);
            if (region is not null)
            {
                return new SharedMemoryLink(region, isListener: false, address, _options);
            }

            // The listener may not have created the file yet: poll at 1 ms, a set-up cost only.
            await Task.Delay(1, cancellationToken);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The /dev/shm file for <paramref name="address"/>.</summary>
    public string PathFor(string address)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        var name = new StringBuilder(address.Length);
        foreach (var c in address)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        return Path.Combine(_options.SharedMemory.Directory, "bbupool-" + name);
    }
}
