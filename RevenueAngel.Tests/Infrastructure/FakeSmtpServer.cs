using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace RevenueAngel.Tests.Infrastructure;

/// A real SMTP server in this process (the SmtpServer package) on a free port: it keeps what it accepts, answers the
/// next messages with the codes queued on it, and refuses recipients on its reject list with a 550.
public sealed class FakeSmtpServer : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<int> _failures = new();

    private FakeSmtpServer(int port) => Port = port;

    public int Port { get; }
    public ConcurrentQueue<MimeMessage> Received { get; } = new();
    public ConcurrentDictionary<string, bool> Rejected { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static FakeSmtpServer Start()
    {
        var server = new FakeSmtpServer(FreePort.Next());
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Port(server.Port).Endpoint(
            new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, server.Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(server));
        services.Add(new Filter(server));
        _ = new SmtpServer.SmtpServer(options, services).StartAsync(server._stop.Token);
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(System.Net.IPAddress.Loopback, server.Port);
                return server;
            }
            catch (SocketException)
            {
                Thread.Sleep(20);
            }
        }
        throw new InvalidOperationException("The test SMTP server did not start.");
    }

    /// The next <paramref name="count"/> messages are answered with <paramref name="code"/> (e.g. 451) after DATA.
    public void FailNext(int count, int code)
    {
        for (var i = 0; i < count; i++) _failures.Enqueue(code);
    }

    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. Received.Where(m => m.To.Mailboxes.Any(x => string.Equals(x.Address, address, StringComparison.OrdinalIgnoreCase)))];

    public void Dispose() => _stop.Cancel();

    private sealed class Store(FakeSmtpServer server) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            if (server._failures.TryDequeue(out var code)) return Task.FromResult(new SmtpResponse((SmtpReplyCode)code, "try again later"));
            using var stream = new MemoryStream(buffer.ToArray());
            server.Received.Enqueue(MimeMessage.Load(stream, cancellationToken));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    private sealed class Filter(FakeSmtpServer server) : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!server.Rejected.ContainsKey($"{to.User}@{to.Host}"));
    }
}
