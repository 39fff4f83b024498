using System.Reflection;
using System.Runtime.Loader;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Demo;

namespace RevenueAngel.Web.Extensions;

/// The demo's seeder and fake Whop live in RevenueAngel.Demo, which Web never references: a Debug build copies it next
/// to the app (RevenueAngel.Web.csproj), a publish (the container) never has it. It is loaded only in demo mode.
public static class DemoLoader
{
    public const string AssemblyName = "RevenueAngel.Demo";
    private const string ModuleType = "RevenueAngel.Demo.DemoModule";
    private static readonly Lazy<Type?> Module = new(Load);

    public static WebApplicationBuilder AddDemoWhenEnabled(this WebApplicationBuilder builder)
    {
        var options = Options.Create(builder.Configuration.GetSection(DemoOptions.SectionName).Get<DemoOptions>() ?? new());
        if (!new DemoMode(options, builder.Configuration, builder.Environment).IsEnabled) return builder;
        if (Module.Value is not { } module)
        {
            builder.Services.AddSingleton<IValidateOptions<DemoOptions>, DemoModuleMissing>();
            return builder;
        }
        module.GetMethod("Add")!.CreateDelegate<Action<WebApplicationBuilder>>()(builder);
        builder.Services.AddSingleton(new LoadedDemo(module.GetMethod("Map")!.CreateDelegate<Action<WebApplication>>()));
        return builder;
    }

    public static WebApplication MapDemoWhenEnabled(this WebApplication app)
    {
        app.Services.GetService<LoadedDemo>()?.Map(app);
        return app;
    }

    private static Type? Load()
    {
        // The copied demo and its own dependencies (Bogus) are not in the app's deps.json: resolve them from the app folder.
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            Path.Combine(AppContext.BaseDirectory, $"{name.Name}.dll") is var path && File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
        try
        {
            return Assembly.Load(AssemblyName).GetType(ModuleType, throwOnError: true);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private sealed record LoadedDemo(Action<WebApplication> Map);

    private sealed class DemoModuleMissing : IValidateOptions<DemoOptions>
    {
        public ValidateOptionsResult Validate(string? name, DemoOptions options) => ValidateOptionsResult.Fail(
            $"Demo mode is on (Demo:Enabled=true, or Development without Whop settings) but this build has no demo ({AssemblyName}.dll): " +
            "a published build, like the container image, never does. Run the demo from source with `dotnet run --project RevenueAngel.Web`, " +
            "or give the Whop settings and set Demo:Enabled=false (env Demo__Enabled).");
    }
}
