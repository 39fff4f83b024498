using System.Collections.Concurrent;
using MimeKit;
using RevenueAngel.Core.Email;

namespace RevenueAngel.Demo.Email;

/// The demo's mail server: every email is kept in memory (the latest 500) for the outbox page, nothing leaves the machine.
public sealed class DemoOutbox(TimeProvider time) : IEmailTransport, IEmailOutbox
{
    private const int Capacity = 500;
    private static readonly string[] ShownHeaders = ["From", "Reply-To", "To", "Subject", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post"];
    private readonly ConcurrentQueue<OutboxEmail> _emails = new();
    private int _count;

    public bool IsConfigured => true;

    public string Description => "Demo outbox: emails are kept in the app (Dashboard → Outbox), nothing is sent.";

    public Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var headers = ShownHeaders.SelectMany(name => message.Headers.Where(h => h.Field.Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(h => new KeyValuePair<string, string>(h.Field, h.Value.Trim()))).ToList();
        _emails.Enqueue(new OutboxEmail(Interlocked.Increment(ref _count), time.GetUtcNow(), string.Join(", ", message.To.Mailboxes.Select(m => m.Address)),
            message.Subject ?? "", message.HtmlBody ?? "", message.TextBody ?? "", headers));
        while (_emails.Count > Capacity) _emails.TryDequeue(out _);
        return Task.CompletedTask;
    }

    public IReadOnlyList<OutboxEmail> Recent(int take = 100) => [.. _emails.Reverse().Take(take)];
}
