using System.Globalization;
using System.Text;

namespace RevenueAngel.Core.Whop;

/// A query string in Whop's style: arrays as repeated `name[]=value`.
internal sealed class WhopQuery
{
    private readonly StringBuilder _query = new();

    public WhopQuery Add(string name, string? value)
    {
        if (value is null) return this;
        _query.Append(_query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    public WhopQuery Add(string name, int? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public WhopQuery Add(string name, DateTimeOffset? value) =>
        Add(name, value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    public WhopQuery AddEach(string name, IEnumerable<string>? values)
    {
        foreach (var value in values ?? []) Add($"{name}[]", value);
        return this;
    }

    public string Apply(string path) => path + _query;
}
