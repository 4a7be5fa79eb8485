namespace IpShield.Portfolios.Domain;

/// <summary>The kinds of intellectual-property right a portfolio holds.</summary>
internal enum RightKind
{
    Trademark,
    InventionPatent,
    UtilityModel,
    Design,
    Copyright,
}
