using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caro.Modules.Notification.Internal;

/// <summary>Key (member, date): the daily-goal notification can be recorded, hence sent, once per member per day.</summary>
internal sealed class GoalNotificationEntity
{
    public long MemberId { get; set; }
    public DateOnly GoalDate { get; set; }
    public int Goal { get; set; }
    public DateTime SentAt { get; set; }
}

internal sealed class GoalNotificationConfiguration
    : IEntityTypeConfiguration<GoalNotificationEntity>
{
    public void Configure(EntityTypeBuilder<GoalNotificationEntity> builder)
    {
        builder.ToTable("goal_notifications");
        builder.HasKey(n => new { n.MemberId, n.GoalDate });
    }
}
