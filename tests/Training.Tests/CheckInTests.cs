using System.Text;
using IpShield.Training.Domain;

namespace IpShield.Training.Tests;

public sealed class CheckInTests
{
    private static readonly CheckInCode Codes = new(Encoding.UTF8.GetBytes("a key of at least thirty-two characters!"));
    private static readonly DateTime Start = new(2025, 3, 12, 6, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime End = Start.AddHours(2);

    [Fact]
    public void A_code_issued_for_a_registration_reads_back_to_its_registration_and_session()
    {
        var (registration, session) = (Guid.CreateVersion7(), Guid.CreateVersion7());

        Assert.True(Codes.TryRead(Codes.Issue(registration, session), out var readRegistration, out var readSession));
        Assert.Equal(registration, readRegistration);
        Assert.Equal(session, readSession);
    }

    [Fact]
    public void A_code_with_another_session_written_in_is_forged()
    {
        var code = Codes.Issue(Guid.CreateVersion7(), Guid.CreateVersion7());
        var parts = code.Split('.');
        var tampered = string.Join('.', parts[0], parts[1], Guid.CreateVersion7().ToString("N"), parts[3]);

        Assert.False(Codes.TryRead(tampered, out _, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("TRN1.not-a-guid.x.y")]
    public void Text_that_is_no_code_is_forged(string text) => Assert.False(Codes.TryRead(text, out _, out _));

    [Fact]
    public void A_code_signed_with_another_key_is_forged()
    {
        var elsewhere = new CheckInCode(Encoding.UTF8.GetBytes("somebody else's key, also long enough"));
        Assert.False(Codes.TryRead(elsewhere.Issue(Guid.CreateVersion7(), Guid.CreateVersion7()), out _, out _));
    }

    [Fact]
    public void A_registered_attendee_scanned_within_the_window_is_checked_in()
    {
        var session = Guid.NewGuid();
        var decision = CheckInRule.Decide(session, SessionStatus.Scheduled, Start, End, session, RegistrationStatus.Registered, Start.AddMinutes(-59));
        Assert.Equal(CheckInOutcome.CheckedIn, decision.Outcome);
    }

    [Fact]
    public void A_second_scan_records_nothing_new()
    {
        var session = Guid.NewGuid();
        var decision = CheckInRule.Decide(session, SessionStatus.Scheduled, Start, End, session, RegistrationStatus.Attended, Start.AddMinutes(5));
        Assert.Equal(CheckInOutcome.AlreadyCheckedIn, decision.Outcome);
        Assert.Null(decision.Refusal);
    }

    [Theory]
    [InlineData("Cancelled", "Scheduled", 10, false, "RegistrationCancelled")]
    [InlineData("Waitlisted", "Scheduled", 10, false, "Waitlisted")]
    [InlineData("Registered", "Scheduled", -61, false, "OutsideWindow")]
    [InlineData("Registered", "Scheduled", 121, false, "OutsideWindow")]
    [InlineData("Registered", "Cancelled", 10, false, "SessionCancelled")]
    [InlineData("Registered", "Scheduled", 10, true, "OtherSession")]
    public void A_scan_is_refused_with_its_reason(string status, string sessionStatus, int minutesAfterStart, bool otherSession, string reason)
    {
        var session = Guid.NewGuid();
        var decision = CheckInRule.Decide(
            session, Enum.Parse<SessionStatus>(sessionStatus), Start, End, otherSession ? Guid.NewGuid() : session, Enum.Parse<RegistrationStatus>(status), Start.AddMinutes(minutesAfterStart));
        Assert.Null(decision.Outcome);
        Assert.Equal(Enum.Parse<CheckInRefusal>(reason), decision.Refusal);
    }

    [Fact]
    public void A_no_show_scanned_offline_within_the_window_attended_after_all()
    {
        var session = Guid.NewGuid();
        Assert.Equal(CheckInOutcome.CheckedIn, CheckInRule.Decide(session, SessionStatus.Held, Start, End, session, RegistrationStatus.NoShow, Start.AddMinutes(3)).Outcome);
    }

    [Fact]
    public void Every_refusal_has_a_distinct_code_and_a_sentence()
    {
        var refusals = Enum.GetValues<CheckInRefusal>();
        Assert.Equal(refusals.Length, refusals.Select(r => r.Code()).Distinct().Count());
        Assert.All(refusals, r => Assert.EndsWith(".", r.Message()));
    }
}
