using IpShield.Portfolios.Jobs;

namespace IpShield.Portfolios.Tests;

/// <summary>Which reminder a deadline is owed, by the days left until it is due.</summary>
public sealed class ReminderTests
{
    [Theory]
    [InlineData(91, null)]
    [InlineData(90, 90)]
    [InlineData(31, 90)]
    [InlineData(30, 30)]
    [InlineData(8, 30)]
    [InlineData(7, 7)]
    [InlineData(2, 7)]
    [InlineData(1, 1)]
    [InlineData(0, 1)]
    [InlineData(-1, null)]
    public void The_reminder_owed_is_the_nearest_of_90_30_7_and_1_days_not_yet_passed(int daysLeft, int? reminder) =>
        Assert.Equal(reminder, DeadlineReminders.ReminderFor(daysLeft));
}
