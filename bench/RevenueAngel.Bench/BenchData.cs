using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Bench;

/// A company with N members and memberships (bulk-copied), and an enabled 3-step playbook whose rules (three
/// conditions over memberships and tenure) match every member.
internal static class BenchData
{
    public static async Task<(string CompanyId, long PlaybookId)> SeedAsync(string connectionString, IDbContextFactory<RevenueAngelDbContext> contexts, int members)
    {
        var companyId = $"biz_bench_{Guid.NewGuid():N}"[..24];
        var now = DateTimeOffset.UtcNow;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.Companies.Add(new Company { Id = companyId, Name = "Bench", InstalledAt = now });
            db.Plans.AddRange(
                new Plan { Id = $"basic_{companyId}", CompanyId = companyId, Title = "Basic", RenewalPriceCents = 1900, BillingPeriodDays = 30 },
                new Plan { Id = $"pro_{companyId}", CompanyId = companyId, Title = "Pro", RenewalPriceCents = 4900, BillingPeriodDays = 30 });
            await db.SaveChangesAsync();
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var writer = await connection.BeginBinaryImportAsync("COPY members (company_id, whop_user_id, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < members; i++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(companyId, NpgsqlDbType.Varchar);
                await writer.WriteAsync($"user_{i}", NpgsqlDbType.Varchar);
                await writer.WriteAsync(now.AddDays(-(i % 400)), NpgsqlDbType.TimestampTz);
            }
            await writer.CompleteAsync();
        }
        await using (var command = new NpgsqlCommand("""
            INSERT INTO memberships (id, company_id, member_id, plan_id, status, cancel_at_period_end, created_at, updated_at)
            SELECT 'mem_' || m.id, m.company_id, m.id, CASE WHEN m.id % 3 = 0 THEN 'pro_' ELSE 'basic_' END || m.company_id,
                   'active', false, m.created_at, m.created_at
            FROM members m WHERE m.company_id = @company
            """, connection))
        {
            command.Parameters.AddWithValue("company", companyId);
            await command.ExecuteNonQueryAsync();
        }
        await using (var analyze = new NpgsqlCommand("ANALYZE", connection)) await analyze.ExecuteNonQueryAsync();

        await using var context = await contexts.CreateDbContextAsync();
        var template = new MessageTemplate { CompanyId = companyId, Name = "t", Title = "Hi {{ first_name }}", Body = "Body" };
        context.MessageTemplates.Add(template);
        await context.SaveChangesAsync();
        var playbook = new Playbook
        {
            CompanyId = companyId, Name = "Bench", Type = PlaybookType.Upsell, Enabled = true, HoldoutPercent = 10, CreatedAt = now,
            TargetRules = $$"""{"all":[{"field":"plan","op":"in","value":["basic_{{companyId}}","pro_{{companyId}}"]},{"field":"membership_status","op":"in","value":["active"]},{"field":"tenure_days","op":">=","value":0}]}""",
        };
        foreach (var (delay, position) in new[] { (0, 1), (1440, 2), (4320, 3) })
            playbook.Steps.Add(new PlaybookStep { Position = position, DelayMinutes = delay, Channel = MessageChannel.Push, TemplateId = template.Id });
        context.Playbooks.Add(playbook);
        await context.SaveChangesAsync();
        return (companyId, playbook.Id);
    }
}
