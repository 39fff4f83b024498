using System.Reflection;

namespace RevenueAngel.Tests.Demo;

/// The demo is a separate assembly that production code reaches only by name, at run time, in demo mode.
public sealed class DemoAssemblyTests
{
    [Fact]
    public void NeitherCoreNorWebIsCompiledAgainstTheDemo()
    {
        Assembly[] production = [typeof(Program).Assembly, typeof(RevenueAngel.Core.DependencyInjection).Assembly];

        Assert.All(production, assembly =>
            Assert.DoesNotContain(assembly.GetReferencedAssemblies(), r => r.Name is "RevenueAngel.Demo" or "Bogus"));
        Assert.Equal("RevenueAngel.Demo", typeof(RevenueAngel.Demo.DemoModule).Assembly.GetName().Name);
    }
}
