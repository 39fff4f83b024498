using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Tests.Infrastructure;

/// A minimal connected set of rows (company → … → send) under fresh ids, so tests need no reset.
public sealed record TestGraph(Company Company, Member Member, Plan Plan, MessageTemplate Template, Playbook Playbook,
    PlaybookStep Step, Enrollment Enrollment, Send Send)
{
    public static readonly DateTimeOffset At = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static async Task<TestGraph> CreateAsync(RevenueAngelDbContext db)
    {
        var key = Guid.NewGuid().ToString("N")[..12];
        var company = new Company { Id = $"biz_{key}", Name = $"Company {key}", InstalledAt = At };
        var member = new Member { CompanyId = company.Id, WhopUserId = $"user_{key}", CreatedAt = At };
        var plan = new Plan { Id = $"plan_{key}", CompanyId = company.Id, Title = "Pro", RenewalPriceCents = 4900, BillingPeriodDays = 30 };
        var template = new MessageTemplate { CompanyId = company.Id, Name = "t", Title = "Hi", Body = "Hello {{ first_name }}" };
        db.AddRange(company, member, plan, template);
        await db.SaveChangesAsync();

        var playbook = new Playbook { CompanyId = company.Id, Name = "p", Type = PlaybookType.ChurnSave, CreatedAt = At };
        var step = new PlaybookStep { Position = 1, Channel = MessageChannel.Push, TemplateId = template.Id };
        playbook.Steps.Add(step);
        db.Add(playbook);
        await db.SaveChangesAsync();

        var enrollment = new Enrollment { CompanyId = company.Id, PlaybookId = playbook.Id, SubjectId = member.Id, EnteredAt = At };
        db.Add(enrollment);
        await db.SaveChangesAsync();

        var send = Send.Schedule(company.Id, playbook.Id, step.Id, enrollment.Id, MessageChannel.Push, At);
        db.Add(send);
        await db.SaveChangesAsync();
        return new TestGraph(company, member, plan, template, playbook, step, enrollment, send);
    }
}
