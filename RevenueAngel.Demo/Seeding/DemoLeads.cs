using Bogus;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Members;

namespace RevenueAngel.Demo;

internal static class DemoLeads
{
    public const string ConsentText = "Yes, email me about Growth Lab's launches and offers. I can unsubscribe at any time.";

    /// Where demo leads came from: the landing page (direct, or through a Discord, X or YouTube link) or an imported list.
    private static readonly (string Source, string? Utm)[] Sources =
        [(LeadSources.Web, null), (LeadSources.Web, "discord"), (LeadSources.Web, "x"), (LeadSources.Web, "youtube"), (LeadSources.Csv, null)];

    /// Leads that became members (same email, converted at their first payment) and leads still open.
    public static List<(Lead Lead, Member? Member)> Create(Faker faker, Random random, DemoHistory history,
        IReadOnlyList<Member> members, DateTimeOffset installedAt, DateTimeOffset now, int openLeads)
    {
        var result = new List<(Lead, Member?)>();
        foreach (var (member, payment) in history.FirstPayments.Where(f => f.Payment.CreatedAt >= installedAt))
        {
            if (random.NextDouble() >= 0.45) continue;
            var capturedAt = member.CreatedAt.AddHours(-random.Next(2, 10 * 24));
            var lead = new Lead
            {
                CompanyId = member.CompanyId, Email = member.Email!, Name = member.Name, Source = LeadSources.Web,
                Status = LeadStatus.Converted, WhopUserId = member.WhopUserId, CapturedAt = capturedAt,
                ConvertedAt = payment.PaidAt ?? payment.CreatedAt, ConvertedPaymentId = payment.Id,
            };
            Origin(lead, random);
            result.Add((lead, member));
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
            var lead = new Lead
            {
                CompanyId = companyId, Email = email, Name = $"{first} {last}", Source = LeadSources.Web,
                Status = roll < 0.05 ? LeadStatus.Unsubscribed : roll < 0.6 ? LeadStatus.Nurturing : LeadStatus.New,
                CapturedAt = now.AddMinutes(-random.Next(30, 75 * 24 * 60)),
            };
            Origin(lead, random);
            // About a third asked on the product's waitlist: Whop users, so push and direct messages reach them today.
            if (random.NextDouble() < 0.3)
            {
                var n = result.Count.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
                (lead.Source, lead.UtmSource, lead.WhopUserId) = (LeadSources.WhopWaitlist, null, $"user_demo_wl{n}");
                (lead.WaitlistEntryId, lead.WaitlistStatus) = ($"entry_demo_{n}", "pending");
            }
            result.Add((lead, null));
        }
        return result;
    }

    /// Source and UTM source; landing-page leads ticked the consent box (with the words shown), imported ones half the time.
    private static void Origin(Lead lead, Random random)
    {
        (lead.Source, lead.UtmSource) = Sources[random.Next(Sources.Length)];
        if (lead.Source == LeadSources.Web || random.NextDouble() < 0.5)
            (lead.EmailConsent, lead.ConsentText, lead.ConsentAt) = (true, ConsentText, lead.CapturedAt);
    }
}
