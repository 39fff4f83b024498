using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Dunning;

/// Retries failed payments ourselves on a playbook's paydays (the 1st, the 15th…) and, when the playbook asks, once the
/// member has opened a link in one of its messages (the update-card page; Whop sends no event for a card update), besides
/// Whop's own retries: only a payment Whop calls retryable, still unpaid, in an active sequence of that playbook, never
/// within an hour of Whop's next attempt, once a day at most and at most the playbook's limit in all. Every attempt is recorded.
public sealed class OwnPaymentRetries(IDbContextFactory<RevenueAngelDbContext> contexts, WhopClient whop, TimeProvider time,
    ILogger<OwnPaymentRetries> logger)
{
    public static readonly TimeSpan WhopAttemptMargin = TimeSpan.FromHours(1);

    /// How long after the member's click the card is taken to be updated: the billing page takes a few minutes.
    public static readonly TimeSpan AfterClick = TimeSpan.FromMinutes(30);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var playbooks = await db.Playbooks
            .Where(p => p.Enabled && p.DeletedAt == null && p.Trigger == PlaybookTrigger.PaymentFailed && (p.OwnRetryDays != null || p.OwnRetryAfterClick))
            .Join(db.Companies, p => p.CompanyId, c => c.Id, (p, c) => new { p.Id, p.CompanyId, p.OwnRetryDays, p.OwnRetryLimit, p.OwnRetryAfterClick, c.TimeZone })
            .ToListAsync(ct);
        var attempted = 0;
        foreach (var playbook in playbooks)
        {
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(playbook.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
            var local = TimeZoneInfo.ConvertTime(now, zone);
            var payday = RetryPaydays.Parse(playbook.OwnRetryDays).Contains(local.Day);
            if (!payday && !playbook.OwnRetryAfterClick) continue;
            var startOfDay = new DateTimeOffset(local.Date, local.Offset).ToUniversalTime();
            var (soonest, latest) = (now - WhopAttemptMargin, now + WhopAttemptMargin);
            var clickedBy = now - AfterClick;
            var due = await db.Enrollments
                .Where(e => e.PlaybookId == playbook.Id && e.Status == EnrollmentStatus.Active && e.TriggerKey != null)
                .Join(db.Payments, e => e.TriggerKey, p => p.Id, (e, p) => new { Enrollment = e.Id, Payment = p })
                .Where(x => x.Payment.CompanyId == playbook.CompanyId && x.Payment.PaidAt == null && x.Payment.Retryable
                    && (x.Payment.NextPaymentAttempt == null || x.Payment.NextPaymentAttempt < soonest || x.Payment.NextPaymentAttempt > latest))
                .Where(x => db.PaymentRetries.Count(r => r.PaymentId == x.Payment.Id) < playbook.OwnRetryLimit
                    && !db.PaymentRetries.Any(r => r.PaymentId == x.Payment.Id && r.AttemptedAt >= startOfDay))
                // A click counts once: a retry made after it has answered it.
                .Where(x => payday || db.Sends.Any(s => s.EnrollmentId == x.Enrollment && s.ClickedAt != null && s.ClickedAt <= clickedBy
                    && !db.PaymentRetries.Any(r => r.PaymentId == x.Payment.Id && r.AttemptedAt >= s.ClickedAt)))
                .Select(x => x.Payment.Id).Distinct().ToListAsync(ct);
            foreach (var paymentId in due)
            {
                db.PaymentRetries.Add(await RetryAsync(playbook.CompanyId, playbook.Id, paymentId, now, ct));
                await db.SaveChangesAsync(ct);
                attempted++;
            }
        }
        return attempted;
    }

    private async Task<PaymentRetry> RetryAsync(string companyId, long playbookId, string paymentId, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            var payment = await whop.RetryPaymentAsync(paymentId, ct);
            return new PaymentRetry { CompanyId = companyId, PaymentId = paymentId, PlaybookId = playbookId, AttemptedAt = now, Accepted = true, Result = payment.Status };
        }
        catch (Exception e) when (e is WhopApiException or HttpRequestException)
        {
            logger.LogWarning("Whop refused to retry payment {PaymentId} of {CompanyId}: {Error}", paymentId, companyId, e.Message);
            var result = e is WhopApiException api ? $"HTTP {(int)api.StatusCode}: {api.ErrorMessage}" : "Whop could not be reached.";
            return new PaymentRetry
            {
                CompanyId = companyId, PaymentId = paymentId, PlaybookId = playbookId, AttemptedAt = now, Accepted = false,
                Result = result.Length > 500 ? result[..500] : result,
            };
        }
    }
}
