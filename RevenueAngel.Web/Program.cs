using RevenueAngel.Core;
using RevenueAngel.Web.Extensions;
using RevenueAngel.Web.Jobs;
using RevenueAngel.Web.WhopFake;

var builder = WebApplication.CreateBuilder(args);

builder.AddRevenueAngelCore();
builder.AddWebServices();
builder.AddJobs();
builder.AddDemoWhop();

var app = builder.Build();

app.UseRevenueAngelPipeline();
app.MapRevenueAngelEndpoints();
app.MapDemoWhop();

app.Run();

public partial class Program;
