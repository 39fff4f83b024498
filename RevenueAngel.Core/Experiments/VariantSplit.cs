using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Experiments;

/// The deterministic arm of a subject in an experiment: a SHA-256 bucket (0–99) of experiment and subject, walked
/// through the arms' cumulative percentages. Independent of other experiments, since the key is part of the hash.
public static class VariantSplit
{
    public const string Base = "A";

    public static int BucketOf(string experimentKey, SubjectKind kind, long subjectId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{experimentKey}:{kind}:{subjectId}"));
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % 100);
    }

    /// <paramref name="arms"/> in a fixed order with percentages summing to 100.
    public static string ArmOf(int bucket, IEnumerable<(string Key, int Percent)> arms)
    {
        var upTo = 0;
        foreach (var (key, percent) in arms)
        {
            upTo += percent;
            if (bucket < upTo) return key;
        }
        throw new InvalidOperationException($"The arms' percentages add up to {upTo}, not 100.");
    }

    public static IReadOnlyList<(string Key, int Percent)> ArmsOf(PlaybookStep step) =>
        [(Base, 100 - step.Variants.Sum(v => v.Percent)), .. step.Variants.OrderBy(v => v.Key).Select(v => (v.Key, v.Percent))];
}
