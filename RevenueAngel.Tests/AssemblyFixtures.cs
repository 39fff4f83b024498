using RevenueAngel.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(PostgresServer))]
[assembly: CaptureConsole]
