using IpShield.Portfolios.Deadlines;
using IpShield.SharedKernel.Persistence;

namespace IpShield.Portfolios.Domain;

/// <summary>
/// A deadline of a right as stored: computed by the <see cref="DeadlineEngine"/> when the right or one of its events
/// is recorded. A person may complete or waive one; those are kept when the right's deadlines are computed again.
/// </summary>
internal sealed class RightDeadline : IEntity
{
    public const int NoteMax = 400;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid RightId { get; init; }
    public Guid EnterpriseId { get; init; }

    /// <summary>A copy of the right's workstation, so the row rule reads one table.</summary>
    public Guid? WorkstationId { get; set; }

    /// <summary>The rule's key in the catalogue, and which occurrence of it.</summary>
    public string RuleKey { get; init; } = "";
    public int Cycle { get; init; }
    public DeadlineTask Task { get; private set; }
    public DateOnly DueOn { get; private set; }
    public DateOnly? WindowOpensOn { get; private set; }
    public DateOnly? GraceEndsOn { get; private set; }
    public string? SurchargeNote { get; private set; }
    public DeadlineState State { get; set; }
    public DateOnly? ClosedOn { get; set; }

    /// <summary>The last reminder raised (days before due: 90, 30, 7 or 1); null before the first.</summary>
    public int? RemindedDays { get; set; }
    public int Version { get; set; }

    /// <summary>Done or waived: kept as it is when the right's deadlines are computed again.</summary>
    public bool IsSettled => State is DeadlineState.Done or DeadlineState.Waived;

    /// <summary>
    /// Brings this open or missed deadline in line with what the engine now computes for the same occurrence of its rule,
    /// keeping its id (clients hold it); false when nothing differs, so an unchanged deadline is not written. A reminder
    /// raised for the old due date does not count for a new one.
    /// </summary>
    public bool TakeOver(Deadline computed)
    {
        var note = Note(computed.SurchargeNote);
        if (Task == computed.Task && DueOn == computed.DueOn && WindowOpensOn == computed.WindowOpensOn && GraceEndsOn == computed.GraceEndsOn
            && SurchargeNote == note && State == computed.State && ClosedOn == computed.ClosedOn)
        {
            return false;
        }

        if (DueOn != computed.DueOn)
        {
            RemindedDays = null;
        }

        Task = computed.Task;
        DueOn = computed.DueOn;
        WindowOpensOn = computed.WindowOpensOn;
        GraceEndsOn = computed.GraceEndsOn;
        SurchargeNote = note;
        State = computed.State;
        ClosedOn = computed.ClosedOn;
        Version++;
        return true;
    }

    private static string? Note(string? note) => note is not null && note.Length > NoteMax ? note[..NoteMax] : note;

    public static RightDeadline From(Deadline computed, IpRight right) => new()
    {
        RightId = right.Id,
        EnterpriseId = right.EnterpriseId,
        WorkstationId = right.WorkstationId,
        RuleKey = computed.RuleId,
        Cycle = computed.Cycle,
        Task = computed.Task,
        DueOn = computed.DueOn,
        WindowOpensOn = computed.WindowOpensOn,
        GraceEndsOn = computed.GraceEndsOn,
        SurchargeNote = Note(computed.SurchargeNote),
        State = computed.State,
        ClosedOn = computed.ClosedOn,
    };
}

/// <summary>
/// A park's deadlines of one state due on one day (ADR 0036), kept with every deadline write so that the statistics sum a
/// few hundred of these rows for a range instead of counting the park's deadlines.
/// </summary>
internal sealed class ParkDeadlineDay
{
    public Guid ParkId { get; init; }
    public DeadlineState State { get; init; }
    public DateOnly DueOn { get; init; }

    /// <summary>Deadlines of settled enterprises of the park; a row left at 0 is a day without any.</summary>
    public int Deadlines { get; init; }
}
