using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Demo;

/// Demo mode runs only where it cannot reach production: no Whop credentials, and PostgreSQL only on a database
/// explicitly marked as the demo's (Demo:AllowDatabase). Checked at start-up, before any migration or seeding.
internal sealed class DemoOptionsValidator(IConfiguration configuration, IHostEnvironment environment) : IValidateOptions<DemoOptions>
{
    public ValidateOptionsResult Validate(string? name, DemoOptions options)
    {
        // Not DemoMode from DI: it is built on these very options.
        var mode = new DemoMode(Options.Create(options), configuration, environment);
        if (!mode.IsEnabled) return ValidateOptionsResult.Success;
        List<string> conflicts = [];
        if (mode.WhopSettings.Count > 0)
        {
            var names = string.Join(", ", mode.WhopSettings.Select(s => $"{s} (env {s.Replace(":", "__")})"));
            conflicts.Add($"Demo mode runs only without Whop settings, but {names} {(mode.WhopSettings.Count == 1 ? "is" : "are")} set. " +
                          "Unset them to run the demo, or set Demo:Enabled=false (env Demo__Enabled) to run against Whop.");
        }
        if (DatabaseConflict(options) is { } database) conflicts.Add(database);
        return conflicts.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(conflicts);
    }

    private string? DatabaseConflict(DemoOptions options)
    {
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString)) return null;
        string? database;
        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(connectionString);
            database = parsed.Database ?? parsed.Username;
        }
        catch (ArgumentException)
        {
            // Never echo the string: it may hold a password.
            return "Demo mode cannot read the database name of ConnectionStrings:RevenueAngel, so it cannot tell whether it is a demo database.";
        }
        if (database is not null && string.Equals(database, options.AllowDatabase, StringComparison.Ordinal)) return null;
        return $"Demo mode would seed the demo company into the PostgreSQL database '{database}', which is not marked as a demo database. " +
               $"Set Demo:AllowDatabase={database} (env Demo__AllowDatabase) if it is a throwaway demo database, " +
               "or unset ConnectionStrings:RevenueAngel to run the demo on the embedded SQLite file.";
    }
}
