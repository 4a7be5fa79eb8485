using IpShield.Training.Domain;

namespace IpShield.Training.Tests;

public sealed class SeatRulesTests
{
    private sealed record Entry(Guid Id, RegistrationStatus Status, DateTime QueuedAt);

    [Theory]
    [InlineData("Registered", true)]
    [InlineData("Attended", true)]
    [InlineData("Waitlisted", false)]
    [InlineData("Cancelled", false)]
    [InlineData("NoShow", false)]
    public void Registered_and_attended_registrations_count_against_capacity(string status, bool holdsSeat) =>
        Assert.Equal(holdsSeat, SeatRules.HoldsSeat(Enum.Parse<RegistrationStatus>(status)));

    [Fact]
    public void A_freed_seat_goes_to_the_earliest_on_the_waitlist()
    {
        var at = new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        var first = new Entry(Guid.CreateVersion7(), RegistrationStatus.Waitlisted, at.AddMinutes(1));
        var second = new Entry(Guid.CreateVersion7(), RegistrationStatus.Waitlisted, at.AddMinutes(2));
        var cancelledEarlier = new Entry(Guid.CreateVersion7(), RegistrationStatus.Cancelled, at);
        var seated = new Entry(Guid.CreateVersion7(), RegistrationStatus.Registered, at);

        var next = SeatRules.NextInLine([second, seated, cancelledEarlier, first], e => e.Status, e => e.QueuedAt, e => e.Id);

        Assert.Same(first, next);
    }

    [Fact]
    public void Waitlisted_at_the_same_instant_are_served_in_one_stable_order_whatever_order_they_are_read_in()
    {
        var at = new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        var one = new Entry(Guid.CreateVersion7(), RegistrationStatus.Waitlisted, at);
        var other = new Entry(Guid.CreateVersion7(), RegistrationStatus.Waitlisted, at);
        var first = one.Id.CompareTo(other.Id) < 0 ? one : other;

        Assert.Same(first, SeatRules.NextInLine([one, other], e => e.Status, e => e.QueuedAt, e => e.Id));
        Assert.Same(first, SeatRules.NextInLine([other, one], e => e.Status, e => e.QueuedAt, e => e.Id));
    }

    [Fact]
    public void Nobody_is_promoted_from_an_empty_waitlist() =>
        Assert.Null(SeatRules.NextInLine([new Entry(Guid.NewGuid(), RegistrationStatus.Registered, DateTime.UtcNow)], e => e.Status, e => e.QueuedAt, e => e.Id));

    [Fact]
    public void A_registrant_may_cancel_until_the_cutoff_and_not_at_it()
    {
        var cutoff = new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        Assert.True(SeatRules.MayCancelThemselves(cutoff.AddSeconds(-1), cutoff));
        Assert.False(SeatRules.MayCancelThemselves(cutoff, cutoff));
    }

    [Fact]
    public void The_shown_status_follows_seats_and_the_registration_window()
    {
        var now = new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        var session = new TrainingSession { Capacity = 2, SeatsTaken = 1, RegistrationOpensAt = now.AddDays(-1), RegistrationClosesAt = now.AddDays(1), Status = SessionStatus.Scheduled };

        Assert.Equal(SessionStatus.Open, session.StatusAt(now));
        Assert.Equal(SessionStatus.Scheduled, session.StatusAt(now.AddDays(-2)));
        session.SeatsTaken = 2;
        Assert.Equal(SessionStatus.Full, session.StatusAt(now));
        session.Status = SessionStatus.Cancelled;
        Assert.Equal(SessionStatus.Cancelled, session.StatusAt(now));
    }
}
