using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caro.Modules.Gamification.Internal;

internal sealed class MemberStatsEntity
{
    public long MemberId { get; set; }
    public long TotalExp { get; set; }
    public int Level { get; set; } = 1;
    public int StreakDays { get; set; }
    public DateOnly? LastStudyDate { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>The key (member, badge type) makes "each badge at most once per member" a rule of the data model.</summary>
internal sealed class EarnedBadgeEntity
{
    public long MemberId { get; set; }
    public BadgeType BadgeType { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public DateTime EarnedAt { get; set; }
}

internal sealed class MemberStatsConfiguration : IEntityTypeConfiguration<MemberStatsEntity>
{
    public void Configure(EntityTypeBuilder<MemberStatsEntity> builder)
    {
        builder.ToTable("member_stats");
        builder.HasKey(s => s.MemberId);
        builder.Property(s => s.MemberId).ValueGeneratedNever();
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}

internal sealed class EarnedBadgeConfiguration : IEntityTypeConfiguration<EarnedBadgeEntity>
{
    public void Configure(EntityTypeBuilder<EarnedBadgeEntity> builder)
    {
        builder.ToTable("earned_badges");
        builder.HasKey(b => new { b.MemberId, b.BadgeType });
        builder.Property(b => b.BadgeType).HasConversion<int>();
        builder.Property(b => b.Name).HasMaxLength(100).IsRequired();
        builder.Property(b => b.Description).HasMaxLength(255).IsRequired();
    }
}
