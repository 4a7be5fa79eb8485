namespace IpShield.Disputes.Flows;

/// <summary>Why a move was refused; <see cref="None"/> when it is allowed.</summary>
internal enum MoveRefusal
{
    None,

    /// <summary>The flow has no such move out of the current stage (or the case is closed).</summary>
    NotInFlow,

    /// <summary>The move had to be made by the stage's deadline, which has passed.</summary>
    DeadlineMissed,

    /// <summary>The move is only open once the stage's deadline has passed.</summary>
    DeadlineNotReached,

    /// <summary>The move is dated before the current stage was entered.</summary>
    BeforeStage,
}

/// <summary>The rules a case's stages follow, pure: deadlines from entry days, and whether a move is allowed.</summary>
internal static class StageRules
{
    /// <summary>
    /// The due day of <paramref name="stage"/>, entered on <paramref name="enteredOn"/>; <paramref name="entered"/> holds the
    /// last day each earlier stage was entered, for deadlines anchored on another stage. Null when the stage has no clock.
    /// </summary>
    public static DateOnly? DueOn(Stage stage, DateOnly enteredOn, IReadOnlyDictionary<string, DateOnly> entered, bool badFaith)
    {
        if (stage.Deadline is not { } deadline || (badFaith && deadline.NoLimitForBadFaith))
        {
            return null;
        }

        var from = deadline.Anchor is { } anchor && entered.TryGetValue(anchor, out var anchoredOn) ? anchoredOn : enteredOn;
        return deadline.DueOn(from);
    }

    /// <summary>Whether a case in <paramref name="current"/> (due on <paramref name="dueOn"/>) may move to <paramref name="target"/> on <paramref name="on"/>.</summary>
    public static MoveRefusal Check(Stage current, DateOnly enteredOn, DateOnly? dueOn, string target, DateOnly on)
    {
        var move = current.Moves.FirstOrDefault(m => m.To == target);
        if (move is null)
        {
            return MoveRefusal.NotInFlow;
        }

        if (on < enteredOn)
        {
            return MoveRefusal.BeforeStage;
        }

        return (move.Timing, dueOn) switch
        {
            (MoveTiming.ByDeadline, { } due) when on > due => MoveRefusal.DeadlineMissed,
            (MoveTiming.AfterDeadline, { } due) when on <= due => MoveRefusal.DeadlineNotReached,
            _ => MoveRefusal.None,
        };
    }

    /// <summary>Whether the stage's deadline has passed on <paramref name="today"/> with the case still in it.</summary>
    public static bool IsMissed(DateOnly? dueOn, DateOnly today) => dueOn is { } due && today > due;
}
