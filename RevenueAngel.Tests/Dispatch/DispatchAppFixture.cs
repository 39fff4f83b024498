using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Dispatch;

/// The whole app against the fake Whop with the Whop client's own retries off: the dispatcher's retry and
/// failure rules are what these tests exercise, on the fake clock.
public sealed class DispatchAppFixture(PostgresServer postgres) : WhopAppFixture(postgres)
{
    protected override void Configure(Dictionary<string, string?> settings) => settings["Whop:MaxRetries"] = "0";
}
