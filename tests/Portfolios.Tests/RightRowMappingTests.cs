using IpShield.Portfolios.Domain;
using IpShield.Portfolios.Import;
using IpShield.SharedKernel.Imports;

namespace IpShield.Portfolios.Tests;

/// <summary>A rights import row onto recordIpRight's input: what each column accepts and which typed error it gives.</summary>
public sealed class RightRowMappingTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    private static ImportRow<RightRecord> Map(params (string Column, string? Value)[] cells)
    {
        var values = new Dictionary<string, string?>
        {
            ["credit_code"] = "91420100MA4K123456", ["kind"] = "trademark", ["jurisdiction"] = "CN", ["name_zh"] = "盾牌", ["filed_on"] = "2020-01-01",
        };
        foreach (var (column, value) in cells)
        {
            values[column] = value;
        }

        return RightRowMapping.Map(new RawRow(2, values), Today);
    }

    private static (string? Column, string Code)[] Errors(ImportRow<RightRecord> row) => [.. row.Errors.Select(e => (e.Field?[0], e.Code))];

    [Theory]
    [InlineData("商标", nameof(RightKind.Trademark))]
    [InlineData("Invention_Patent", nameof(RightKind.InventionPatent))]
    [InlineData("发明专利", nameof(RightKind.InventionPatent))]
    [InlineData("utility model", nameof(RightKind.UtilityModel))]
    [InlineData("外观设计", nameof(RightKind.Design))]
    [InlineData("版权", nameof(RightKind.Copyright))]
    public void Kinds_are_read_in_English_or_as_Chinese_registers_name_them(string text, string kind)
    {
        var row = Map(("kind", text));

        Assert.Empty(row.Errors);
        Assert.Equal(Enum.Parse<RightKind>(kind), row.Record!.Right.Input.Kind);
    }

    [Theory]
    [InlineData("9;35", new[] { 9, 35 })]
    [InlineData("第9类、第35类", new[] { 9, 35 })]
    [InlineData("35, 9, 9", new[] { 9, 35 })]
    [InlineData("1|45", new[] { 1, 45 })]
    public void Nice_classes_are_read_from_the_usual_lists_ordered_and_without_repeats(string text, int[] classes)
    {
        var (right, _, _) = Map(("nice_classes", text)).Record!.Right.Create(Guid.NewGuid(), null, null, DateTimeOffset.UnixEpoch);

        Assert.Equal(classes, right.NiceClasses);
    }

    [Theory]
    [InlineData("kind", "hovercraft", "kind", "INVALID_KIND")]
    [InlineData("jurisdiction", "XX", "jurisdiction", "INVALID_JURISDICTION")]
    [InlineData("jurisdiction", null, "jurisdiction", "REQUIRED")]
    [InlineData("nice_classes", "0", "nice_classes", "INVALID_NICE_CLASS")]
    [InlineData("nice_classes", "46", "nice_classes", "INVALID_NICE_CLASS")]
    [InlineData("nice_classes", "nine", "nice_classes", "INVALID_NICE_CLASS")]
    [InlineData("filed_on", "2021-02-30", "filed_on", "INVALID_DATE")]
    [InlineData("filed_on", "2026-11-30", "filed_on", "INVALID_DATE")]
    [InlineData("filed_on", null, "filed_on", "REQUIRED")]
    [InlineData("registered_on", "2019-12-31", "registered_on", "INVALID_DATE")]
    [InlineData("priority_on", "2020-01-02", "priority_on", "INVALID_DATE")]
    [InlineData("mark_form", "hologram", "mark_form", "INVALID_VALUE")]
    [InlineData("credit_code", null, "credit_code", "REQUIRED")]
    [InlineData("name_zh", "", "name_zh", "REQUIRED")]
    public void A_bad_cell_is_one_typed_error_under_its_column_and_no_right(string column, string? value, string errorColumn, string code)
    {
        var row = Map((column, value));

        Assert.Null(row.Record);
        Assert.Equal([(errorColumn, code)], Errors(row));
    }

    [Fact]
    public void A_missing_filing_date_does_not_also_blame_the_dates_that_depend_on_it()
    {
        var row = Map(("filed_on", "not a date"), ("registered_on", "2019-01-01"), ("published_on", "2018-06-01"));

        Assert.Equal([("filed_on", "INVALID_DATE")], Errors(row));
    }

    [Fact]
    public void Classes_on_a_patent_are_refused_as_recordIpRight_refuses_them()
    {
        var row = Map(("kind", "invention_patent"), ("nice_classes", "9"));

        Assert.Equal([("kind", "INVALID")], Errors(row));
    }

    [Fact]
    public void The_status_follows_the_dates_given_as_it_does_for_a_recorded_right()
    {
        var registered = Map(("registered_on", "2021-05-01"), ("published_on", "2020-09-01")).Record!.Right.Create(Guid.NewGuid(), null, "staff", DateTimeOffset.UnixEpoch);
        var published = Map(("published_on", "2020-09-01")).Record!.Right.Create(Guid.NewGuid(), null, "staff", DateTimeOffset.UnixEpoch);

        Assert.Equal(RightStatus.Registered, registered.Right.Status);
        Assert.Equal([LifecycleEventKind.Filed, LifecycleEventKind.Published, LifecycleEventKind.Registered], registered.History.Select(e => e.Kind));
        Assert.Equal(RightStatus.Published, published.Right.Status);
    }
}
