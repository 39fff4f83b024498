namespace RevenueAngel.Core.Email;

/// <param name="Headers">The headers a creator checks: From, Reply-To, Message-ID, List-Unsubscribe, List-Unsubscribe-Post.</param>
public sealed record OutboxEmail(int Number, DateTimeOffset At, string To, string Subject, string Html, string Text,
    IReadOnlyList<KeyValuePair<string, string>> Headers);

/// The demo's outbox: what would have been emailed, newest first. Registered only in the demo.
public interface IEmailOutbox
{
    IReadOnlyList<OutboxEmail> Recent(int take = 100);
}
