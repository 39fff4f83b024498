namespace RevenueAngel.Tests.Infrastructure;

/// The production-mode app on a real port, for a real browser that sends Whop's user token itself.
public sealed class LiveWhopAppFixture(PostgresServer postgres) : WhopAppFixture(postgres)
{
    protected override bool ServesOnAPort => true;
}
