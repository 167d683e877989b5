using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caro.Modules.Analytics.Internal;

internal sealed class DailyStudyStatEntity
{
    public long MemberId { get; set; }
    public DateOnly StudyDate { get; set; }
    public int TotalCards { get; set; }
    public long TotalTimeMs { get; set; }
    public int Version { get; set; }
}

internal sealed class DailyStudyStatConfiguration : IEntityTypeConfiguration<DailyStudyStatEntity>
{
    public void Configure(EntityTypeBuilder<DailyStudyStatEntity> builder)
    {
        builder.ToTable("daily_study_stat");
        builder.HasKey(s => new { s.MemberId, s.StudyDate });
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}
