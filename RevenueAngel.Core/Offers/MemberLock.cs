using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Offers;

/// Serialises one member's offer acceptances until the caller's transaction ends. The cooldown is checked inside
/// the claiming update, but under READ COMMITTED two claims of different offers at the same instant would each miss
/// the other's, so the claim takes the dialect's lock per member first (an advisory lock on PostgreSQL; SQLite runs one
/// writer at a time already).
internal static class MemberLock
{
    public static async Task TakeAsync(RevenueAngelDbContext db, string companyId, long memberId, CancellationToken ct)
    {
        await db.Dialect.LockUntilCommitAsync(db, $"offer-member:{companyId}:{memberId}", ct);
    }
}
