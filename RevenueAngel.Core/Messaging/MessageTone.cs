namespace RevenueAngel.Core.Messaging;

public enum MessageTone
{
    Friendly,
    Expert,
    Hype,
    Minimal,
    Custom,
}
