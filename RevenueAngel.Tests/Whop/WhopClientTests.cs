using System.Net;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Whop;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Demo.WhopFake;

namespace RevenueAngel.Tests.Whop;

/// The real client, its whole HTTP pipeline included, against the fake Whop over real HTTP.
public sealed class WhopClientTests(WhopFakeFixture fixture) : IClassFixture<WhopFakeFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
    private FakeWhopStore Store => fixture.Whop.Store;
    private WhopClient Client => fixture.Client;

    private List<FakeRequest> RequestsFor(string fragment) => Store.Requests.Where(r => r.PathAndQuery.Contains(fragment)).ToList();

    [Fact]
    public async Task ListingMembershipsPagesThroughEverythingWithBracketArraysAndTheApiHeaders()
    {
        var company = new FakeWhopBuilder(Store).WithCatalog();
        for (var i = 1; i <= 230; i++) company.AddMember(i, status: i % 10 == 0 ? "past_due" : i % 7 == 0 ? "canceled" : "active");

        var listed = await Client.ListMembershipsAsync(company.CompanyId, new MembershipFilter(Statuses: ["active", "past_due"]), Ct).ToListAsync(Ct);

        var expected = Store.Memberships.Values.Where(m => m.CompanyId == company.CompanyId && m.Status != "canceled").Select(m => m.Id).Order();
        Assert.Equal(expected, listed.Select(m => m.Id).Order());
        var requests = RequestsFor($"company_id={company.CompanyId}");
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.StartsWith("/api/v1/memberships?", r.PathAndQuery);
            Assert.Contains("statuses[]=active&statuses[]=past_due", Uri.UnescapeDataString(r.PathAndQuery));
            Assert.Contains("first=100", r.PathAndQuery);
            Assert.Equal($"Bearer {Store.ApiKey}", r.Headers["authorization"]);
            Assert.Equal("2026-07-20", r.Headers["api-version-date"]);
            Assert.Equal(WhopFakeFixture.AppId, r.Headers["x-whop-app-id"]);
        });
        Assert.DoesNotContain("after=", requests[0].PathAndQuery);
        Assert.Contains("after=", requests[1].PathAndQuery);
    }

    [Fact]
    public async Task PaymentsAreReadWithExactCentsUtcTimesAndUnknownStatusesKept()
    {
        var company = new FakeWhopBuilder(Store).WithCatalog();
        var membership = company.AddMember(1);
        var payment = company.AddPayment(membership, 1234567.89m, status: "a_status_whop_added_later", substatus: "something_new");

        var read = await Client.GetPaymentAsync(payment.Id, Ct);

        Assert.Equal(new Money(123456789, "usd"), read.TotalMoney);
        Assert.Equal(("a_status_whop_added_later", "something_new"), (read.Status, read.Substatus));
        Assert.Equal(TimeSpan.Zero, read.CreatedAt!.Value.Offset);
        Assert.Equal(FakeWhopBuilder.Start, read.CreatedAt);
        Assert.Equal((membership.Id, membership.UserId), (read.Membership!.Id, read.User!.Id));
    }

    [Fact]
    public async Task PlansCarryTheirPriceInCentsAndBillingPeriod()
    {
        var company = new FakeWhopBuilder(Store).WithCatalog();

        var plans = await Client.ListPlansAsync(company.CompanyId, ct: Ct).ToListAsync(Ct);

        var pro = Assert.Single(plans, p => p.Id == company.ProPlanId);
        Assert.Equal((new Money(4999, "usd"), 30, "renewal"), (pro.RenewalPriceMoney, pro.BillingPeriod, pro.PlanType));
        Assert.Single(await Client.ListProductsAsync(company.CompanyId, Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task RetryingAFailedPaymentMarksItPaid()
    {
        var company = new FakeWhopBuilder(Store).WithCatalog();
        var membership = company.AddMember(1, status: "past_due");
        var payment = company.AddPayment(membership, 19.99m, status: "open", substatus: "past_due");

        var retried = await Client.RetryPaymentAsync(payment.Id, Ct);

        Assert.Equal(("paid", "succeeded"), (retried.Status, retried.Substatus));
        Assert.NotNull(retried.PaidAt);
        Assert.Equal("active", (await Client.GetMembershipAsync(membership.Id, Ct)).Status);
        var again = await Assert.ThrowsAsync<WhopApiException>(() => Client.RetryPaymentAsync(payment.Id, Ct));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "invalid_request_error"), (again.StatusCode, again.ErrorType));
    }

    [Fact]
    public async Task MembershipActionsChangeTheMembership()
    {
        var company = new FakeWhopBuilder(Store).WithCatalog();
        var membership = company.AddMember(1);

        Assert.True((await Client.CancelMembershipAsync(membership.Id, ct: Ct)).CancelAtPeriodEnd);
        Assert.False((await Client.UncancelMembershipAsync(membership.Id, Ct)).CancelAtPeriodEnd);
        var extended = await Client.AddFreeDaysAsync(membership.Id, 7, Ct);
        Assert.Equal(FakeWhopBuilder.Start.AddDays(37), extended.RenewalPeriodEnd);
        await Client.PauseMembershipAsync(membership.Id, ct: Ct);
        Assert.True(membership.Paused);
        await Client.ResumeMembershipAsync(membership.Id, Ct);
        Assert.False(membership.Paused);
        Assert.Contains(RequestsFor($"/memberships/{membership.Id}/cancel"), r => r.Body.Contains("\"cancellation_mode\":\"at_period_end\""));
    }

    [Fact]
    public async Task ATooManyRequestsAnswerIsWaitedOutForItsRetryAfter()
    {
        var company = new FakeWhopBuilder(Store).WithCatalog();
        var membership = company.AddMember(1);
        Store.FailNext(1, 429, retryAfter: TimeSpan.FromSeconds(1));
        var started = TimeProvider.System.GetTimestamp();

        var read = await Client.GetMembershipAsync(membership.Id, Ct);

        Assert.Equal(membership.Id, read.Id);
        Assert.Equal(2, RequestsFor($"/memberships/{membership.Id}").Count);
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromSeconds(0.9), "the retry must wait for retry-after");
    }

    [Fact]
    public async Task ServerErrorsAreRetriedThenSurfacedWithWhopsMessage()
    {
        var company = new FakeWhopBuilder(Store).WithCatalog();
        var recovered = company.AddMember(1);
        var lost = company.AddMember(2);

        Store.FailNext(1, 502);
        Assert.Equal(recovered.Id, (await Client.GetMembershipAsync(recovered.Id, Ct)).Id);

        Store.FailNext(3, 503);
        var error = await Assert.ThrowsAsync<WhopApiException>(() => Client.GetMembershipAsync(lost.Id, Ct));

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "server_error"), (error.StatusCode, error.ErrorType));
        Assert.Equal(3, RequestsFor($"/memberships/{lost.Id}").Count);
    }

    [Theory]
    [InlineData("not-installed", HttpStatusCode.Forbidden, "forbidden")]
    [InlineData("unknown", HttpStatusCode.NotFound, "not_found")]
    public async Task ClientErrorsAreNotRetriedAndSayWhatWhopSaid(string scenario, HttpStatusCode status, string type)
    {
        var company = new FakeWhopBuilder(Store).WithCatalog(installed: scenario != "not-installed");
        var id = scenario == "unknown" ? $"mem_missing_{Guid.NewGuid():N}" : company.AddMember(1).Id;

        var error = await Assert.ThrowsAsync<WhopApiException>(() => Client.GetMembershipAsync(id, Ct));

        Assert.Equal((status, type), (error.StatusCode, error.ErrorType));
        Assert.Single(RequestsFor($"/memberships/{id}"));
        Assert.Contains($"{(int)status} {type}", error.Message);
    }

    [Fact]
    public async Task ABadRequestIsNotRetriedAndNamesTheProblem()
    {
        var before = RequestsFor("/plans?company_id=&").Count;

        var error = await Assert.ThrowsAsync<WhopApiException>(() => Client.ListPlansAsync("", ct: Ct).ToListAsync(Ct).AsTask());

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request_error"), (error.StatusCode, error.ErrorType));
        Assert.Contains("company_id is required", error.ErrorMessage);
        Assert.Equal(before + 1, RequestsFor("/plans?company_id=&").Count);
    }

    [Fact]
    public async Task CheckoutLinksCarryOurMetadataAndAnIdempotencyKey()
    {
        var company = new FakeWhopBuilder(Store).WithCatalog();
        var key = Guid.NewGuid().ToString();

        var checkout = await Client.CreateCheckoutConfigurationAsync(
            new CheckoutConfigurationRequest(company.ProPlanId, new Dictionary<string, string> { ["ra_send"] = "42", ["ra_playbook"] = "7" }),
            key, Ct);

        Assert.StartsWith($"https://whop.com/checkout/{company.ProPlanId}?session=ch_", checkout.PurchaseUrl);
        Assert.Equal("42", checkout.Metadata!["ra_send"]);
        var delivery = Assert.Single(Store.Deliveries, d => d.IdempotencyKey == key);
        Assert.Contains("\"plan_id\"", delivery.Body);
    }

    [Fact]
    public async Task NotificationsGoToExactlyOneAudienceWithTheirDeepLink()
    {
        var company = new FakeWhopBuilder(Store).WithCatalog();
        var experienceId = $"exp_{company.CompanyId}";
        Store.Experiences[experienceId] = new FakeExperience(experienceId, company.CompanyId, WhopFakeFixture.AppId, "RevenueAngel", company.ProductId);

        await Assert.ThrowsAsync<ArgumentException>(() => Client.SendNotificationAsync(new NotificationRequest("t", "c"), ct: Ct));
        await Client.SendNotificationAsync(new NotificationRequest("Payment failed", "Tap to update your card.",
            ExperienceId: experienceId, UserIds: ["user_1"], RestPath: "/billing?m=mem_1"), "send-1", Ct);

        var delivery = Assert.Single(Store.Deliveries, d => d.IdempotencyKey == "send-1");
        Assert.Equal(("notification", company.CompanyId), (delivery.Kind, delivery.CompanyId));
        Assert.Contains("\"rest_path\":\"/billing?m=mem_1\"", delivery.Body);
        Assert.Contains("\"user_ids\":[\"user_1\"]", delivery.Body);
        Assert.DoesNotContain("company_id", delivery.Body);
        var experiences = await Client.ListExperiencesAsync(company.CompanyId, WhopFakeFixture.AppId, Ct).ToListAsync(Ct);
        Assert.Equal(experienceId, Assert.Single(experiences).Id);
    }

    [Fact]
    public async Task DirectMessagesGoThroughTheMembersSupportChannel()
    {
        var company = new FakeWhopBuilder(Store).WithCatalog();
        var member = company.AddMember(1);

        var channel = await Client.CreateSupportChannelAsync(company.CompanyId, member.UserId, Ct);
        var message = await Client.SendMessageAsync(channel.Id, "Hi **there**", "dm-1", Ct);

        Assert.Equal("Hi **there**", message.Content);
        Assert.Single(Store.Deliveries, d => d.Kind == "message" && d.IdempotencyKey == "dm-1");
    }

    [Fact]
    public async Task AccessChecksAndUsersAreRead()
    {
        var company = new FakeWhopBuilder(Store).WithCatalog();
        var member = company.AddMember(1);
        Store.Grant(member.UserId, company.CompanyId, "admin");

        Assert.True((await Client.CheckAccessAsync(member.UserId, company.CompanyId, Ct)).IsAdmin);
        Assert.Equal(new WhopAccess(false, "no_access"), await Client.CheckAccessAsync("user_nobody", company.CompanyId, Ct));
        Assert.Equal("member1", (await Client.GetUserAsync(member.UserId, Ct)).Username);
    }
}
