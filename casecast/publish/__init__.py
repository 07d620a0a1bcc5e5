"""Publishing: the built site to S3-compatible object storage, articles to the WeChat draft box,
and the audio episodes shared between CI runners through a content-addressed cache.

Modules are imported one by one (boto3 is loaded only by the commands that publish):

- ``s3_sync.publish_site_to_s3(config, *, target=None, delete=False, dry_run=False) -> SyncReport``
- ``wechat_push.push_drafts(articles, config, *, dry_run=False) -> PushReport``
- ``shard.build_audio_shard(library, config, shard, *, cache=None, engine=None, jobs=None) -> ShardReport``
- ``shard.assemble_audio(library, config, *, cache=None) -> ShardReport``
"""
