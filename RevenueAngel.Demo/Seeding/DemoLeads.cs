using Bogus;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Members;

namespace RevenueAngel.Demo;

internal static class DemoLeads
{
    private static readonly string[] Sources = ["landing_page", "discord", "x", "youtube", "csv_import"];

    /// Leads that became members (same email, converted at their first payment) and leads still open.
    public static List<(Lead Lead, Member? Member)> Create(Faker faker, Random random, DemoHistory history,
        IReadOnlyList<Member> members, DateTimeOffset installedAt, DateTimeOffset now, int openLeads)
    {
        var result = new List<(Lead, Member?)>();
        foreach (var (member, payment) in history.FirstPayments.Where(f => f.Payment.CreatedAt >= installedAt))
        {
            if (random.NextDouble() >= 0.45) continue;
            var capturedAt = member.CreatedAt.AddHours(-random.Next(2, 10 * 24));
            result.Add((new Lead
            {
                CompanyId = member.CompanyId, Email = member.Email!, Name = member.Name, Source = Pick(random),
                Status = LeadStatus.Converted, WhopUserId = member.WhopUserId, CapturedAt = capturedAt,
                ConvertedAt = payment.PaidAt ?? payment.CreatedAt,
            }, member));
        }

        var taken = members.Select(m => m.Email).ToHashSet();
        var companyId = members[0].CompanyId;
        while (result.Count(r => r.Item2 is null) < openLeads)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var email = Lead.NormalizeEmail(faker.Internet.Email(first, last, "example.org"));
            if (!taken.Add(email)) continue;
            var roll = random.NextDouble();
            result.Add((new Lead
            {
                CompanyId = companyId, Email = email, Name = $"{first} {last}", Source = Pick(random),
                Status = roll < 0.05 ? LeadStatus.Unsubscribed : roll < 0.6 ? LeadStatus.Nurturing : LeadStatus.New,
                CapturedAt = now.AddMinutes(-random.Next(30, 75 * 24 * 60)),
            }, null));
        }
        return result;
    }

    private static string Pick(Random random) => Sources[random.Next(Sources.Length)];
}
