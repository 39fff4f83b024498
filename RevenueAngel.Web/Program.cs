using RevenueAngel.Core;
using RevenueAngel.Web.Extensions;
using RevenueAngel.Web.Jobs;
using RevenueAngel.Web.Telemetry;

var builder = WebApplication.CreateBuilder(args);

builder.AddRevenueAngelCore();
builder.AddWebServices();
builder.AddJobs();
builder.AddTelemetry();
builder.AddDemoWhenEnabled();

var app = builder.Build();

app.UseRevenueAngelPipeline();
app.MapRevenueAngelEndpoints();
app.MapDemoWhenEnabled();

app.Run();

public partial class Program;
