namespace RevenueAngel.Web.Components.Playbooks.Steps;

/// Reordering a list in place, bounded at both ends.
public static class StepMoves
{
    public static bool Move<T>(List<T> items, int index, int offset)
    {
        var target = index + offset;
        if (index < 0 || index >= items.Count || target < 0 || target >= items.Count) return false;
        (items[index], items[target]) = (items[target], items[index]);
        return true;
    }
}
