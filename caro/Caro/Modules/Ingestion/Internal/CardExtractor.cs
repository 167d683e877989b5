namespace Caro.Modules.Ingestion.Internal;

/// <summary>The simulated AI of the original: whatever the image, the same three pairs.</summary>
internal static class CardExtractor
{
    public static IReadOnlyList<Contracts.ExtractedCard> Extract() =>
        [new("Apple", "사과"), new("Banana", "바나나"), new("Cherry", "체리")];
}
