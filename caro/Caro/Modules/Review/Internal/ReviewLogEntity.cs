using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caro.Modules.Review.Internal;

/// <summary>One scheduling row per (member, card), updated in place; <see cref="Version"/> is the optimistic-concurrency token.</summary>
internal sealed class ReviewLogEntity
{
    public long Id { get; set; }
    public long MemberId { get; set; }
    public long CardId { get; set; }
    public int? Quality { get; set; }
    public double EaseFactor { get; set; } = Sm2.DefaultEaseFactor;
    public int ReviewInterval { get; set; }
    public int Repetitions { get; set; }
    public DateOnly NextReviewDate { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}

internal sealed class ReviewLogConfiguration : IEntityTypeConfiguration<ReviewLogEntity>
{
    public void Configure(EntityTypeBuilder<ReviewLogEntity> builder)
    {
        builder.ToTable("review_logs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.ReviewInterval).HasColumnName("review_interval");
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => new { r.MemberId, r.CardId }).IsUnique();
        builder.HasIndex(r => new { r.MemberId, r.NextReviewDate });
    }
}
