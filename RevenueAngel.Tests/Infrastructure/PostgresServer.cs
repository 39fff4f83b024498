using System.Diagnostics;
using Npgsql;

namespace RevenueAngel.Tests.Infrastructure;

/// One PostgreSQL for the whole test run: RA_TEST_POSTGRES when set, else a throwaway server started from
/// the machine's server binaries in a temp folder. Each test fixture takes a fresh database of its own.
public sealed class PostgresServer : IAsyncLifetime
{
    private const string DirPrefix = "ra-test-pg-";
    private static int _databaseNumber;
    private string? _binDir;
    private string? _dataDir;

    public string AdminConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable("RA_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(external))
        {
            AdminConnectionString = external;
        }
        else
        {
            StopLeftoverServers();
            _binDir = FindBinaries() ?? throw new InvalidOperationException(
                "The tests need PostgreSQL and found none: set RA_TEST_POSTGRES to a server's connection string, " +
                "or install the server binaries (apt-get install postgresql-15, which ./scripts/test.sh does). " +
                "Looked in /usr/lib/postgresql/*/bin and on PATH for pg_ctl.");
            AdminConnectionString = await StartServerAsync(_binDir);
        }

        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
    }

    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _databaseNumber)}".ToLowerInvariant();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_binDir is null || _dataDir is null) return;
        await RunAsync(Path.Combine(_binDir, "pg_ctl"), ["-D", Path.Combine(_dataDir, "data"), "-m", "fast", "-w", "stop"]);
        Directory.Delete(_dataDir, recursive: true);
    }

    private async Task<string> StartServerAsync(string binDir)
    {
        _dataDir = Directory.CreateTempSubdirectory(DirPrefix).FullName;
        await File.WriteAllTextAsync(Path.Combine(_dataDir, "owner.pid"), Environment.ProcessId.ToString());
        if (IsRoot) await RunAsync("chown", ["-R", "postgres:postgres", _dataDir], asPostgres: false);

        var data = Path.Combine(_dataDir, "data");
        await RunAsync(Path.Combine(binDir, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
        var port = FreePort.Next();
        var serverOptions = $"-p {port} -k {_dataDir} -c listen_addresses=127.0.0.1 -c fsync=off " +
                            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=1000";
        await RunAsync(Path.Combine(binDir, "pg_ctl"),
            ["-D", data, "-o", serverOptions, "-l", Path.Combine(_dataDir, "server.log"), "-w", "-t", "60", "start"]);
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Include Error Detail=true";
    }

    // A run that was killed leaves its server behind; its owner process is gone.
    private static void StopLeftoverServers()
    {
        foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), DirPrefix + "*"))
        {
            var ownerFile = Path.Combine(dir, "owner.pid");
            if (File.Exists(ownerFile) && int.TryParse(File.ReadAllText(ownerFile), out var owner) && IsAlive(owner)) continue;
            var binDir = FindBinaries();
            if (binDir is not null && File.Exists(Path.Combine(dir, "data", "postmaster.pid")))
            {
                // After a machine restart the recorded server is already gone and pg_ctl says so: nothing to stop.
                try { RunAsync(Path.Combine(binDir, "pg_ctl"), ["-D", Path.Combine(dir, "data"), "-m", "immediate", "stop"]).Wait(); }
                catch (AggregateException) { }
            }
            try { Directory.Delete(dir, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    private static bool IsAlive(int pid)
    {
        try { return !Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
    }

    private static string? FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d).Select(d => Path.Combine(d, "bin"))
            : [];
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':');
        return candidates.Concat(onPath).FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static bool IsRoot => Environment.UserName == "root";


    // PostgreSQL refuses to run as root: as root, run its tools as the postgres user, from a folder it can read.
    private static async Task RunAsync(string file, string[] args, bool asPostgres = true)
    {
        var start = new ProcessStartInfo
        {
            FileName = IsRoot && asPostgres ? "runuser" : file,
            WorkingDirectory = "/",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (IsRoot && asPostgres) foreach (var a in (string[])["-u", "postgres", "--", file]) start.ArgumentList.Add(a);
        foreach (var a in args) start.ArgumentList.Add(a);

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"'{file} {string.Join(' ', args)}' failed ({process.ExitCode}): {await stderr}{await stdout}");
    }
}
