using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Attribution;

/// A save's revenue arrives with the membership's next payment. These set-based transitions touch pending saves only,
/// so a replayed event finds nothing left to change.
public static class SaveConfirmation
{
    /// The membership's pending saves made before <paramref name="paidAt"/> become confirmed by this payment.
    public static Task<int> ConfirmAsync(RevenueAngelDbContext db, string companyId, string membershipId, string paymentId, DateTimeOffset paidAt,
        CancellationToken ct) =>
        Pending(db, companyId, membershipId).Where(c => c.CreatedAt < paidAt)
            .ExecuteUpdateAsync(u => u
                .SetProperty(c => c.State, ConversionState.Confirmed)
                .SetProperty(c => c.SettledAt, paidAt)
                .SetProperty(c => c.ConfirmedByPaymentId, paymentId), ct);

    /// The member cancelled again at <paramref name="at"/>: saves made within the last <paramref name="windowDays"/> days
    /// and not yet confirmed are lost; older ones stay pending (the cancellation came after the window).
    public static Task<int> LoseAsync(RevenueAngelDbContext db, string companyId, string membershipId, DateTimeOffset at, int windowDays,
        CancellationToken ct)
    {
        var since = at.AddDays(-windowDays);
        return Pending(db, companyId, membershipId).Where(c => c.CreatedAt >= since && c.CreatedAt <= at)
            .ExecuteUpdateAsync(u => u
                .SetProperty(c => c.State, ConversionState.Lost)
                .SetProperty(c => c.SettledAt, at), ct);
    }

    private static IQueryable<Conversion> Pending(RevenueAngelDbContext db, string companyId, string membershipId) =>
        db.Conversions.Where(c => c.CompanyId == companyId && c.WhopMembershipId == membershipId && c.Type == ConversionType.Save
                                  && c.State == ConversionState.Pending);
}
