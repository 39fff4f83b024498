using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Offers;

/// Serialises one member's offer acceptances until the caller's transaction ends. The cooldown is checked inside
/// the claiming update, but under READ COMMITTED two claims of different offers at the same instant would each miss
/// the other's; PostgreSQL takes a transaction-scoped advisory lock per member. SQLite runs one writer at a time
/// already, so the claim's own write lock does it.
internal static class MemberLock
{
    public static async Task TakeAsync(RevenueAngelDbContext db, string companyId, long memberId, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return;
        var key = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"offer-member:{companyId}:{memberId}")));
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [key], ct);
    }
}
