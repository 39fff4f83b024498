using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Tests.Experiments;

/// A fresh company with members and an Upsell playbook whose one step tests a variant B (half the traffic):
/// what every experiment test starts from before it adds its enrolments, assignments and conversions.
internal sealed record ExperimentWorld(string CompanyId, IReadOnlyList<Member> Members, Playbook Playbook, PlaybookStep Step)
{
    public static async Task<ExperimentWorld> CreateAsync(RevenueAngelDbContext db, string playbookName, int members, DateTimeOffset createdAt,
        int holdoutPercent = 10, bool enabled = false)
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        var companyId = $"biz_{Guid.NewGuid():N}"[..18];
        db.Companies.Add(new Company { Id = companyId, Name = playbookName, InstalledAt = createdAt.AddDays(-30) });
        var people = Enumerable.Range(1, members).Select(i => new Member { CompanyId = companyId, WhopUserId = $"user_{companyId}_{i}", CreatedAt = createdAt }).ToList();
        var template = new MessageTemplate { CompanyId = companyId, Name = "t", Title = "t", Body = "b" };
        db.AddRange(people);
        db.Add(template);
        await db.SaveChangesAsync(ct);
        var step = new PlaybookStep { Position = 1, TemplateId = template.Id, Variants = { new PlaybookStepVariant { Key = "B", Percent = 50, TemplateId = template.Id } } };
        var playbook = new Playbook
        {
            CompanyId = companyId, Name = playbookName, Type = PlaybookType.Upsell, HoldoutPercent = holdoutPercent, Enabled = enabled, CreatedAt = createdAt,
            Steps = { step },
        };
        db.Add(playbook);
        await db.SaveChangesAsync(ct);
        return new ExperimentWorld(companyId, people, playbook, step);
    }
}
