using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Analytics;

/// What the playbooks earned and did for one company, set-based so it stays fast on millions of sends.
public sealed class AnalyticsQueries(IDbContextFactory<RevenueAngelDbContext> contexts, IOptions<AttributionOptions> attribution)
{
    /// Null when the company is unknown.
    public async Task<AnalyticsOverview?> GetOverviewAsync(string companyId, AnalyticsWindow window, CancellationToken ct = default)
    {
        string currency;
        IReadOnlyDictionary<long, PlaybookHeader> playbooks;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            if (await CurrencyOfAsync(db, companyId, ct) is not { } found) return null;
            currency = found;
            playbooks = await PlaybookHeader.ForCompanyAsync(db, companyId, ct);
        }

        // Independent reads, each on a connection of its own, so the database works on them side by side.
        var current = InContextAsync(db => PeriodMeasurement.TakeAsync(db, companyId, currency, window, playbooks, ct), ct);
        var previous = InContextAsync(db => PeriodMeasurement.TakeAsync(db, companyId, currency, window.Previous(), playbooks, ct), ct);
        var churnSave = InContextAsync(db => ChurnSaveFigures.ReadAsync(db, companyId, currency, window, attribution.Value.SaveConfirmationDays, ct), ct);
        await Task.WhenAll(current, previous, churnSave);
        var daily = DailySeries.Assemble(current.Result.Conversions, currency, current.Result.Sends, window, playbooks);
        return new AnalyticsOverview(currency, window, current.Result.Figures, previous.Result.Figures, daily, current.Result.Playbooks)
        {
            ChurnSave = churnSave.Result,
        };
    }

    /// Null when the playbook does not exist or belongs to another company.
    public async Task<PlaybookReport?> GetPlaybookAsync(string companyId, long playbookId, AnalyticsWindow window, CancellationToken ct = default)
    {
        string currency;
        PlaybookHeader playbook;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            if (await CurrencyOfAsync(db, companyId, ct) is not { } found) return null;
            currency = found;
            if (!(await PlaybookHeader.ForCompanyAsync(db, companyId, ct)).TryGetValue(playbookId, out var header)) return null;
            playbook = header;
        }

        var measured = InContextAsync(db => PeriodMeasurement.TakeAsync(db, companyId, currency, window,
            new Dictionary<long, PlaybookHeader> { [playbookId] = playbook with { Deleted = false } }, ct), ct);
        var steps = InContextAsync(db => StepFunnels.ReadAsync(db, companyId, currency, playbookId, window, ct), ct);
        await Task.WhenAll(measured, steps);
        return new PlaybookReport(currency, window, measured.Result.Playbooks.Single(), steps.Result);
    }

    private async Task<T> InContextAsync<T>(Func<RevenueAngelDbContext, Task<T>> read, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await read(db);
    }

    private static Task<string?> CurrencyOfAsync(RevenueAngelDbContext db, string companyId, CancellationToken ct) =>
        db.Companies.Where(c => c.Id == companyId).Select(c => c.Currency).SingleOrDefaultAsync(ct);
}
