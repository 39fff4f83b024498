using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Demo.WhopFake;

namespace RevenueAngel.Tests.Offers;

/// Where a scenario lives: the fake Whop, and Core's services on a real database.
public sealed record OfferWorld(FakeWhopStore Store, IServiceProvider Services, TimeProvider Time)
{
    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public RevenueAngelDbContext CreateDbContext() =>
        Get<IDbContextFactory<RevenueAngelDbContext>>().CreateDbContext();
}
