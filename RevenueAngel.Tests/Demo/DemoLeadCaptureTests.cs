using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Demo;

namespace RevenueAngel.Tests.Demo;

/// The leads issue's "done when" on the running demo: a lead posted to the capture endpoint with the demo's key enters
/// the First purchase playbook, and a signed first payment for that person (scripts/send-webhook.sh) converts it.
public sealed class DemoLeadCaptureTests(DemoWebFixture demo) : IClassFixture<DemoWebFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task ALeadCapturedOnTheDemoEntersFirstPurchaseAndConvertsOnItsFirstPayment()
    {
        using var http = new HttpClient { BaseAddress = new Uri(demo.BaseUrl) };
        var captured = await http.PostAsJsonAsync($"/api/leads/capture/{DemoSeeder.DemoCaptureKey}",
            new { email = "demo-lead@example.com", name = "Dee Mo", consent = true, consent_text = "Email me" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, captured.StatusCode);

        long enrollmentId;
        await using (var db = demo.App.CreateDbContext())
        {
            var lead = await db.Leads.SingleAsync(l => l.CompanyId == "biz_demo" && l.Email == "demo-lead@example.com", Ct);
            var firstPurchase = await db.Playbooks.SingleAsync(p => p.CompanyId == "biz_demo" && p.Type == PlaybookType.Nurture && p.Enabled, Ct);
            enrollmentId = (await db.Enrollments.SingleAsync(e => e.PlaybookId == firstPurchase.Id && e.SubjectKind == SubjectKind.Lead && e.SubjectId == lead.Id, Ct)).Id;
        }

        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot.Path, "scripts", "send-webhook.sh"), "payment.succeeded", "90001"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["RA_URL"] = demo.BaseUrl;
        start.Environment["RA_EMAIL"] = "demo-lead@example.com";
        start.Environment["RA_BILLING_REASON"] = "subscription_create";
        using (var script = Process.Start(start)!)
        {
            var output = await script.StandardOutput.ReadToEndAsync(Ct) + await script.StandardError.ReadToEndAsync(Ct);
            await script.WaitForExitAsync(Ct);
            Assert.True(script.ExitCode == 0 && output.TrimEnd().EndsWith("200", StringComparison.Ordinal), output);
        }

        for (var i = 0; i < 60; i++)
        {
            await using (var db = demo.App.CreateDbContext())
            {
                var lead = await db.Leads.SingleAsync(l => l.CompanyId == "biz_demo" && l.Email == "demo-lead@example.com", Ct);
                if (lead.Status == LeadStatus.Converted)
                {
                    Assert.Equal(("user_demo_90001", "pay_script_90001"), (lead.WhopUserId, lead.ConvertedPaymentId));
                    Assert.Equal(EnrollmentStatus.Converted, (await db.Enrollments.SingleAsync(e => e.Id == enrollmentId, Ct)).Status);
                    return;
                }
            }
            await Task.Delay(500, Ct);
        }
        Assert.Fail("The lead did not convert within 30 s.");
    }
}
